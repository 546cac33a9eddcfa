/**
 * The bridge between the desk (main process, or the browser host) and the renderer.
 *
 * Everything that crosses it is declared here, once: the snapshot the renderer mirrors, the patches
 * that follow it, the commands the renderer may invoke with their request schemas and result types,
 * and the events it may receive. Main validates every request with these schemas before acting.
 * This file imports nothing but zod, so both the Node side and the DOM side can typecheck it.
 */
import { z } from 'zod';

// ---- Shared value types ---------------------------------------------------------------------

export const AGENT_STATES = [
  'AgentReady',
  'AgentOnPause',
  'AgentOnWrapup',
  'AgentRinging',
  'AgentDialing',
  'AgentOnCall',
  'AgentLoggedOut',
  'Unknown',
] as const;
export type AgentStateView = (typeof AGENT_STATES)[number];

export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const TICKET_STATUSES = ['NoAnswer', 'Answered', 'Fax', 'Email', 'Callback'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

// ---- Settings (validated on load and on every update) ---------------------------------------

/** A host pattern: `crm.example.com`, or `*.example.com` for any sub-domain (never the apex). */
const hostPattern = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(\*\.)?([a-z0-9-]+\.)*[a-z0-9-]+$/, 'a host name such as crm.example.com or *.example.com');

export const SettingsSchema = z.object({
  /** `http(s)://host:port` of the xuc server; empty = the built-in practice server. */
  serverUrl: z
    .string()
    .trim()
    .max(2048)
    .refine(
      (value) => value === '' || /^https?:\/\/[^\s/?#]+(:\d+)?\/?$/i.test(value),
      'an http(s)://host:port URL',
    )
    .default(''),
  login: z.string().trim().max(128).default(''),
  phoneNumber: z
    .string()
    .trim()
    .max(32)
    .regex(/^[0-9*#+]*$/, 'digits, *, # or +')
    .default(''),
  agentId: z.number().int().positive().nullable().default(null),
  rememberPassword: z.boolean().default(false),
  screenPop: z
    .object({
      trigger: z.enum(['ringing', 'answered', 'off']).default('ringing'),
      allowlist: z.array(hostPattern).max(200).default([]),
      allowHttp: z.boolean().default(false),
    })
    .prefault({}),
  notifications: z
    .object({
      enabled: z.boolean().default(true),
      doNotDisturb: z.boolean().default(false),
    })
    .prefault({}),
  startAtLogin: z.boolean().default(false),
  startHidden: z.boolean().default(false),
  language: z.enum(LANGUAGES).default('en'),
  theme: z.enum(THEMES).default('system'),
  shortcuts: z
    .object({
      togglePause: z.string().max(64).default('CommandOrControl+Alt+P'),
      answer: z.string().max(64).default('CommandOrControl+Alt+A'),
      hangup: z.string().max(64).default('CommandOrControl+Alt+H'),
    })
    .prefault({}),
  autoUpdate: z.boolean().default(true),
});
export type Settings = z.output<typeof SettingsSchema>;
export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

/** A field's schema without its default. */
type Bare<S> = S extends z.ZodDefault<infer T> ? T : S extends z.ZodPrefault<infer T> ? T : S;
function bare<S extends z.ZodType>(schema: S): Bare<S> {
  return (
    schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault ? schema.unwrap() : schema
  ) as Bare<S>;
}

/**
 * Each key optional and without its default. Zod's `.partial()` keeps a field's default, which
 * would fill every key a patch leaves out with its default and so reset it (issue 11).
 */
function patchOf<Shape extends Record<string, z.ZodType>>(shape: Shape) {
  const fields = Object.fromEntries(
    Object.entries(shape).map(([key, field]) => [key, (bare(field) as z.ZodType).optional()]),
  );
  return z.object(fields as unknown as { [K in keyof Shape]: z.ZodOptional<Bare<Shape[K]>> });
}

/** A partial update of settings, as the renderer sends it: it changes exactly the keys it names. */
export const SettingsPatchSchema = patchOf(SettingsSchema.shape).extend({
  screenPop: patchOf(bare(SettingsSchema.shape.screenPop).shape).optional(),
  notifications: patchOf(bare(SettingsSchema.shape.notifications).shape).optional(),
  shortcuts: patchOf(bare(SettingsSchema.shape.shortcuts).shape).optional(),
});
export type SettingsPatch = z.input<typeof SettingsPatchSchema>;

// ---- The snapshot the renderer mirrors ------------------------------------------------------

export type ConnectionView =
  | { state: 'signed-out' }
  | { state: 'connecting'; server: string }
  | { state: 'connected'; server: string; since: number }
  | { state: 'reconnecting'; server: string; attempt: number; nextRetryAt: number; lastError: string }
  | { state: 'offline'; server: string; reason: string; detail: string };

export interface UserView {
  userId: number;
  login: string;
  fullName: string;
  /** Admin, Supervisor, NoRight; a user with no profile is treated as Admin (agent-api.md). */
  profile: string;
  rights: string[];
  agentId: number | null;
  mobileNumber: string | null;
}

export interface AgentView {
  id: number;
  firstName: string;
  lastName: string;
  number: string;
  groupId: number | null;
  state: AgentStateView;
  /** Epoch ms at which the current state began. */
  since: number;
  /** The pause reason (or the ready cause) as the server names it. */
  cause: string | null;
  phoneNb: string | null;
  queues: number[];
}

export interface QueueView {
  id: number;
  name: string;
  displayName: string;
  number: string | null;
  waitingCalls: number | null;
}

export interface MembershipView {
  agentId: number;
  queueId: number;
  penalty: number;
}

export interface GroupView {
  id: number;
  name: string;
  displayName: string;
}

export interface AgentStatsView {
  agentId: number;
  readyTime: number | null;
  pausedTime: number | null;
  wrapupTime: number | null;
  loginAt: string | null;
  logoutAt: string | null;
  answered: number | null;
  missed: number | null;
  /** Every statistic as the server sent it, for those the desk does not name. */
  raw: Record<string, number | string>;
}

export interface PeriodView {
  uuid: string;
  name: string;
  periodStart: string;
  periodEnd: string;
  isDefault: boolean;
}

export interface CallbackRequestView {
  uuid: string;
  listUuid: string;
  phoneNumber: string | null;
  mobilePhoneNumber: string | null;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  description: string | null;
  /** Who holds it; null when free. */
  agentId: number | null;
  dueDate: string;
  period: PeriodView | null;
  voiceMessageRef: string | null;
  /** Set once started: the ticket to close. */
  ticketUuid: string | null;
}

export interface CallbackListView {
  uuid: string;
  name: string;
  queueId: number;
  requests: CallbackRequestView[];
}

export interface SheetFieldView {
  name: string;
  value: string;
  order: number;
  type: string;
}

export type ScreenPopView =
  | { status: 'none' }
  | { status: 'opened'; url: string; at: number }
  | { status: 'refused'; url: string; reason: string; at: number }
  | { status: 'waiting'; url: string };

export interface CallView {
  /** Set by the desk, stable for the whole call (ringing to wrap-up): a key for once-per-call rules. */
  id?: string;
  /** Ringing, on the call, dialing out, or in wrap-up after it. */
  phase: 'ringing' | 'dialing' | 'on-call' | 'wrapup';
  direction: 'Incoming' | 'Outgoing' | null;
  callerNumber: string | null;
  callerName: string | null;
  queueId: number | null;
  queueName: string | null;
  acd: boolean;
  /** ACTIVE, PAUSED, or null when the call is not recorded. */
  monitorState: 'ACTIVE' | 'PAUSED' | null;
  startedAt: number;
  answeredAt: number | null;
  wrapupAt: number | null;
  uniqueId: string | null;
  sheet: SheetFieldView[];
  screenPop: ScreenPopView;
}

export interface PauseReasonView {
  name: string;
  longName: string;
  color: string | null;
  /** From the status's actions: queuepause_all → pause, queueunpause_all → ready. */
  kind: 'pause' | 'ready' | 'other';
}

export interface PendingView {
  id: string;
  action: CommandName;
  startedAt: number;
}

export interface OutboxEntryView {
  id: string;
  uuid: string;
  status: TicketStatus;
  comment: string;
  dueDate: string | null;
  periodUuid: string | null;
  queuedAt: number;
  attempts: number;
  lastError: string | null;
}

export interface NoticeView {
  id: string;
  level: 'info' | 'warning' | 'error';
  /** A stable code the renderer translates (e.g. `screen-pop-refused`, `settings-reset`). */
  code: string;
  params: Record<string, string | number>;
  at: number;
}

export type TrayIcon = 'ready' | 'paused' | 'on-call' | 'ringing' | 'wrapup' | 'logged-out' | 'offline';

export type TrayAction =
  | { kind: 'pause'; reason: string | null }
  | { kind: 'unpause' }
  | { kind: 'agent-login' }
  | { kind: 'agent-logout' }
  | { kind: 'show' }
  | { kind: 'quit' };

export interface TrayMenuItem {
  id: string;
  label: string;
  enabled: boolean;
  kind: 'item' | 'separator' | 'submenu';
  action: TrayAction | null;
  submenu: TrayMenuItem[];
}

export interface TrayModel {
  icon: TrayIcon;
  tooltip: string;
  menu: TrayMenuItem[];
}

export interface DeskSnapshot {
  connection: ConnectionView;
  user: UserView | null;
  /** The signed-in user's own agent. */
  agent: AgentView | null;
  /** Every agent the profile may see, by id (supervisor view). */
  agents: Record<string, AgentView>;
  queues: Record<string, QueueView>;
  groups: Record<string, GroupView>;
  /** `${agentId}:${queueId}` → membership. */
  memberships: Record<string, MembershipView>;
  stats: Record<string, AgentStatsView>;
  callbackLists: Record<string, CallbackListView>;
  periods: PeriodView[];
  call: CallView | null;
  pauseReasons: PauseReasonView[];
  pending: PendingView[];
  outbox: OutboxEntryView[];
  notices: NoticeView[];
  settings: Settings;
  /** Settings keys an admin policy has locked (shown read-only). */
  lockedSettings: string[];
  tray: TrayModel;
}

/**
 * A change to the snapshot: set (or delete, when `value` is absent) the value at `path`.
 * Paths are short: `['agents', '12']`, `['call']`, `['settings']`.
 */
export interface PatchOp {
  path: string[];
  value?: unknown;
}
export type DeskPatch = PatchOp[];

// ---- Results --------------------------------------------------------------------------------

export type ErrorCode =
  | 'invalid-request' // the request failed the contract's schema; nothing changed
  | 'offline' // not connected: nothing was sent
  | 'timeout' // sent, but the server did not confirm in time
  | 'refused' // the server answered with an error, or the profile may not do it
  | 'agent-error' // an AgentError: see details.error (LoggedInOnAnotherPhone, PhoneNumberUnknown, …)
  | 'invalid-credentials'
  | 'unreachable'
  | 'tls'
  | 'bad-response'
  | 'internal';

export interface DeskError {
  code: ErrorCode;
  /** The sentence, in the desk's language (logs, native dialogs, diagnostics). */
  message: string;
  /**
   * The same sentence as a key of the shared catalogue (`shared/i18n`) and its values, so the
   * window shows it in its own language. Absent when the bridge itself answered (bad request,
   * socket down): the window then words it by `code`.
   */
  key?: string;
  params?: Record<string, string | number>;
  details?: Record<string, string | number | null>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DeskError };

// ---- Commands (renderer → desk) -------------------------------------------------------------

const phone = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[0-9*#+]+$/, 'digits, *, # or +');
const uuid = z.string().min(1).max(64);
const agentIdOpt = z.number().int().positive().optional();

export const commands = {
  'session:signIn': {
    request: z.object({
      /** Empty = the built-in practice server. */
      serverUrl: SettingsSchema.shape.serverUrl,
      login: z.string().trim().min(1).max(128),
      password: z.string().min(1).max(256),
      phoneNumber: phone,
      rememberPassword: z.boolean().default(false),
    }),
    result: null as unknown as void,
  },
  'session:signOut': { request: z.object({}), result: null as unknown as void },
  'session:retryNow': { request: z.object({}), result: null as unknown as void },
  'agent:login': {
    request: z.object({ phoneNumber: phone.optional() }),
    result: null as unknown as void,
  },
  'agent:logout': { request: z.object({}), result: null as unknown as void },
  'agent:pause': {
    request: z.object({ reason: z.string().max(128).nullable().default(null), agentId: agentIdOpt }),
    result: null as unknown as void,
  },
  'agent:unpause': { request: z.object({ agentId: agentIdOpt }), result: null as unknown as void },
  'agent:listen': {
    request: z.object({ agentId: z.number().int().positive() }),
    result: null as unknown as void,
  },
  'queue:set': {
    request: z.object({
      queueId: z.number().int().positive(),
      penalty: z.number().int().min(0).max(100),
      agentId: agentIdOpt,
    }),
    result: null as unknown as void,
  },
  'queue:leave': {
    request: z.object({ queueId: z.number().int().positive(), agentId: agentIdOpt }),
    result: null as unknown as void,
  },
  /** A plain call from the agent's line (a `tel:` link for an agent without a queue, or NoRight). */
  'call:dial': { request: z.object({ destination: phone }), result: null as unknown as void },
  'call:dialFromQueue': {
    request: z.object({
      destination: phone,
      queueId: z.number().int().positive(),
      callerIdName: z.string().max(80).optional(),
      callerIdNumber: phone.optional(),
      variables: z.record(z.string().regex(/^[A-Za-z0-9_]{1,32}$/), z.string().max(256)).optional(),
    }),
    result: null as unknown as void,
  },
  'call:answer': { request: z.object({}), result: null as unknown as void },
  'call:hangup': { request: z.object({}), result: null as unknown as void },
  'call:reopenScreenPop': { request: z.object({}), result: null as unknown as void },
  /**
   * Opens a `url` field of the current call's Sheet, named (never sent as a URL), when the
   * screen-pop policy approves its address.
   */
  'call:openSheetLink': {
    request: z.object({ name: z.string().min(1).max(64) }),
    result: null as unknown as void,
  },
  'recording:pause': { request: z.object({}), result: null as unknown as void },
  'recording:resume': { request: z.object({}), result: null as unknown as void },
  'callback:take': { request: z.object({ uuid }), result: null as unknown as void },
  'callback:release': { request: z.object({ uuid }), result: null as unknown as void },
  'callback:start': { request: z.object({ uuid, phoneNumber: phone }), result: null as unknown as void },
  'callback:updateTicket': {
    request: z.object({
      uuid,
      status: z.enum(TICKET_STATUSES),
      comment: z.string().max(4000).default(''),
      dueDate: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
        .optional(),
      periodUuid: uuid.optional(),
    }),
    /** `queued`: not confirmed yet; kept in the outbox and sent after reconnect. */
    result: null as unknown as { delivery: 'confirmed' | 'queued' },
  },
  'callback:listenMessage': { request: z.object({ uuid }), result: null as unknown as void },
  'settings:update': { request: SettingsPatchSchema, result: null as unknown as Settings },
  'notice:dismiss': { request: z.object({ id: z.string().max(64) }), result: null as unknown as void },
  'diagnostics:copy': { request: z.object({}), result: null as unknown as string },
  'diagnostics:openLogs': { request: z.object({}), result: null as unknown as void },
  /** The whole current snapshot, for a view that attaches after the first `desk:snapshot` event. */
  'desk:getSnapshot': { request: z.object({}), result: null as unknown as DeskSnapshot },
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandRequest<C extends CommandName> = z.input<Commands[C]['request']>;
export type ParsedRequest<C extends CommandName> = z.output<Commands[C]['request']>;
export type CommandResult<C extends CommandName> = Commands[C]['result'];

export const COMMAND_NAMES = Object.keys(commands) as CommandName[];

// ---- Events (desk → renderer) ---------------------------------------------------------------

export interface Events {
  'desk:snapshot': DeskSnapshot;
  'desk:patch': DeskPatch;
}
export type EventName = keyof Events;
export const EVENT_NAMES: readonly EventName[] = ['desk:snapshot', 'desk:patch'];

// Compile-time checks: every command has a request schema and a result, every event a payload.
type Assert<T extends true> = T;
type EveryCommandHasContract = {
  [C in CommandName]: Commands[C] extends { request: z.ZodType; result: unknown } ? true : false;
}[CommandName];
export type ContractIsComplete = Assert<EveryCommandHasContract>;
type EveryEventListed = Exclude<EventName, (typeof EVENT_NAMES)[number]> extends never ? true : false;
export type EventsAreListed = Assert<EveryEventListed>;

// ---- What the renderer sees on `window.agentDesk` --------------------------------------------

export interface AgentDeskBridge {
  invoke<C extends CommandName>(command: C, request: CommandRequest<C>): Promise<Result<CommandResult<C>>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

/** Main side: checks a request against its schema. A bad request gets `invalid-request`. */
export function parseRequest<C extends CommandName>(
  command: string,
  request: unknown,
): { ok: true; command: C; request: ParsedRequest<C> } | { ok: false; error: DeskError } {
  if (!Object.prototype.hasOwnProperty.call(commands, command)) {
    return {
      ok: false,
      error: { code: 'invalid-request', message: `Unknown command ${command.slice(0, 64)}` },
    };
  }
  const schema = commands[command as C].request;
  const result = schema.safeParse(request ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join('.') || 'request';
    return {
      ok: false,
      error: { code: 'invalid-request', message: `${where}: ${issue?.message ?? 'invalid'}` },
    };
  }
  return { ok: true, command: command as C, request: result.data as ParsedRequest<C> };
}
