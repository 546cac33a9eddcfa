/**
 * Client → server commands of the xuc CTI socket (xuc-protocol.md §4).
 *
 * Each command's schema declares its fields in wire order: the encoder emits `claz`, `command`,
 * then the fields in that order and leaves out undefined ones, as the public library does.
 * The practice server validates incoming frames with the same schemas.
 * Casing is the wire's: `agentid` for login/logout/pause/unpause/listen/monitor, `agentId` for
 * setAgentQueue/removeAgentFromQueue/setAgentGroup.
 */
import { z } from 'zod';

const id = z.number().int();
/**
 * Caps on every string a client can send: a server stores some of them (comments, call variables)
 * and scans others (search patterns), so none may be unbounded. 4,000 is the desk's form limit.
 */
export const TEXT_MAX = 4000;
const freeText = z.string().max(TEXT_MAX);
/** Names, uuids, statuses, phone numbers: short by nature. */
const short = z.string().max(256);
const variables = z
  .record(z.string().max(64), z.string().max(1000))
  .refine((value) => Object.keys(value).length <= 50, 'at most 50 variables');

export const CALLBACK_STATUSES = ['NoAnswer', 'Answered', 'Fax', 'Email', 'Callback'] as const;
export const CallbackStatus = z.enum(CALLBACK_STATUSES);
export type CallbackStatusT = z.output<typeof CallbackStatus>;

export const LIST_OBJECT_TYPES = ['agent', 'agentgroup', 'queue', 'queuemember', 'basequeuemember'] as const;

export const FindFilter = z.looseObject({
  field: short,
  operator: short.optional(),
  value: freeText.optional(),
  order: z.enum(['ASC', 'DESC']).optional(),
});

const membership = z.array(z.object({ queueId: id, penalty: z.number() })).max(1000);

export const commandSchemas = {
  // Agent (§4.1)
  agentLogin: z.object({ agentphonenumber: short, agentid: id.optional() }),
  agentLogout: z.object({ agentid: id.optional() }),
  pauseAgent: z.object({ agentid: id.optional(), reason: short.optional() }),
  unpauseAgent: z.object({ agentid: id.optional() }),
  listenAgent: z.object({ agentid: id.optional() }),
  setAgentQueue: z.object({ agentId: id, queueId: id, penalty: z.number().int().min(0) }),
  removeAgentFromQueue: z.object({ agentId: id, queueId: id }),
  dialFromQueue: z.object({
    destination: short,
    queueId: id.nullable(),
    callerIdName: short.optional(),
    callerIdNumber: short.optional(),
    variables: variables.optional(),
  }),
  monitorPause: z.object({ agentid: id.optional() }),
  monitorUnpause: z.object({ agentid: id.optional() }),
  subscribeToAgentStats: z.object({}),
  subscribeToAgentEvents: z.object({}),
  getAgentStates: z.object({}),
  getAgentDirectory: z.object({}),
  getList: z.object({ objectType: short }),
  getConfig: z.object({ objectType: short }),
  subscribeToQueueStats: z.object({}),
  getQueueStatistics: z.object({ queueId: id, window: z.number(), xqos: z.number() }),
  subscribeToQueueCalls: z.object({ queueId: id }),
  unSubscribeToQueueCalls: z.object({ queueId: id }),
  setAgentGroup: z.object({ agentId: id, groupId: id }),
  // Phone (§4.1, used for practice and the call card)
  answer: z.object({ uniqueId: z.string().optional() }),
  hangup: z.object({ uniqueId: z.string().optional() }),
  dial: z.object({ destination: short, variables: variables.optional() }),
  userStatusUpdate: z.object({ status: short }),
  subscribeToPhoneHints: z.object({ phoneNumbers: z.array(short).max(200) }),
  unsubscribeFromAllPhoneHints: z.object({}),
  // Callbacks (§4.3)
  getCallbackLists: z.object({}),
  findCallbackRequest: z.object({
    id: z.number(),
    // The public library leaves offset and limit out when its caller does.
    request: z.object({
      filters: z.array(FindFilter).max(20),
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).optional(),
    }),
  }),
  getCallbackPreferredPeriods: z.object({}),
  takeCallback: z.object({ uuid: short }),
  releaseCallback: z.object({ uuid: short }),
  startCallback: z.object({ uuid: short, number: short }),
  listenCallbackMessage: z.object({ voiceMessageRef: short }),
  updateCallbackTicket: z.object({
    uuid: short,
    status: CallbackStatus,
    comment: freeText.optional(),
    dueDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    periodUuid: short.optional(),
  }),
  // Membership (§4.4)
  getUserDefaultMembership: z.object({ userId: id }),
  setUserDefaultMembership: z.object({ userId: id, membership }),
  setUsersDefaultMembership: z.object({ userIds: z.array(id).max(1000), membership }),
  applyUsersDefaultMembership: z.object({ userIds: z.array(id).max(1000) }),
} as const;

export type CommandSchemas = typeof commandSchemas;
export type CommandName = keyof CommandSchemas;
export type CommandArgs = { [K in CommandName]: z.input<CommandSchemas[K]> };
/** A command frame as it travels: `{claz:"web", command, ...fields}`. */
export type CommandFrame = { [K in CommandName]: { claz: 'web'; command: K } & CommandArgs[K] }[CommandName];
export type PingFrame = { claz: 'ping' };

export const PING_FRAME = '{"claz":"ping"}';

export function isCommandName(value: string): value is CommandName {
  return Object.prototype.hasOwnProperty.call(commandSchemas, value);
}

/** Builds the frame object in wire key order, omitting undefined fields. */
export function buildCommand<K extends CommandName>(command: K, args: CommandArgs[K]): CommandFrame {
  const frame: Record<string, unknown> = { claz: 'web', command };
  const source = args as Record<string, unknown>;
  for (const key of Object.keys(commandSchemas[command].shape)) {
    const value = source[key];
    if (value !== undefined) frame[key] = value;
  }
  return frame as CommandFrame;
}

/** The JSON text sent on the socket for a command. */
export function encodeCommand<K extends CommandName>(command: K, args: CommandArgs[K]): string {
  return JSON.stringify(buildCommand(command, args));
}

export type ParsedCommand =
  | { ok: true; frame: CommandFrame }
  | { ok: true; ping: true }
  | { ok: false; command?: string; reason: string };

/** A server's own reading of a command's fields before the schema check (e.g. a real library's quirks). */
export type PrepareFields = (
  command: CommandName,
  fields: Record<string, unknown>,
) => Record<string, unknown>;

/** Server side: checks one incoming client frame. Never throws. */
export function parseCommand(text: string, maxBytes = 64 * 1024, prepare?: PrepareFields): ParsedCommand {
  if (text.length > maxBytes) return { ok: false, reason: `frame larger than ${maxBytes} bytes` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'frame is not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'frame is not a JSON object' };
  }
  const record = value as Record<string, unknown>;
  if (record.claz === 'ping') return { ok: true, ping: true };
  if (record.claz !== 'web') return { ok: false, reason: 'frame has no claz "web"' };
  const command = record.command;
  if (typeof command !== 'string') return { ok: false, reason: 'frame has no command' };
  if (!isCommandName(command)) return { ok: false, command, reason: `unknown command ${command}` };
  const { claz: _claz, command: _command, ...fields } = record;
  const result = commandSchemas[command].safeParse(prepare ? prepare(command, fields) : fields);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join('.') || 'frame';
    return { ok: false, command, reason: `invalid ${command}: ${where}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, frame: { claz: 'web', command, ...result.data } as CommandFrame };
}
