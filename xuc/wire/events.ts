/**
 * Server → client payloads of the xuc CTI socket, as schemas.
 *
 * Why zod 4: one declaration gives both the runtime check and the static type (z.infer), the
 * same library validates the IPC bridge and the settings file, and v4 compiles object checks
 * so a 500-request CallbackLists frame stays cheap to validate (see `npm run bench`).
 *
 * Objects are `looseObject`: real xuc servers send more fields than clients read
 * (xuc-protocol.md §5), and dropping them would lose data that a peer merges as-is.
 * Field names and casing are the wire's, never normalised here.
 */
import { z } from 'zod';

const id = z.number().int();
/** Seconds or a count; xuc sends plain JSON numbers. */
const num = z.number();

// ---- Session -------------------------------------------------------------------------------

export const LoggedOn = z.unknown();
export const LoggedOnError = z.looseObject({ Error: z.string() });
/** Shape not documented (xuc-protocol.md §8): a string or an object with an error code. */
export const ErrorMessage = z.union([z.string(), z.looseObject({ Error: z.string().optional() })]);
/** Not a xuc message type: the practice server's reply to a ping, so a link never falls silent. */
export const Pong = z.unknown();

export const RightProfile = z.looseObject({
  profile: z.string(),
  rights: z.array(z.string()).default([]),
});

export const UserConfigUpdate = z.looseObject({
  userId: id,
  agentId: id.nullish(),
  fullName: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  mobileNumber: z.string().nullish(),
  lineIds: z.array(id).optional(),
  voiceMailId: id.nullish(),
  voiceMailEnabled: z.boolean().optional(),
  naFwdEnabled: z.boolean().optional(),
  naFwdDestination: z.string().nullish(),
  uncFwdEnabled: z.boolean().optional(),
  uncFwdDestination: z.string().nullish(),
  busyFwdEnabled: z.boolean().optional(),
  busyFwdDestination: z.string().nullish(),
});

export const UserStatusAction = z.looseObject({ name: z.string(), parameters: z.unknown().optional() });
export const UserStatus = z.looseObject({
  name: z.string(),
  color: z.string().optional(),
  longName: z.string().optional(),
  actions: z.array(UserStatusAction).default([]),
});
export const UsersStatuses = z.array(UserStatus);
export const UserStatusUpdate = z.looseObject({ status: z.string() });

// ---- Agents --------------------------------------------------------------------------------

export const AGENT_STATE_NAMES = [
  'AgentLogin',
  'AgentReady',
  'AgentOnPause',
  'AgentOnWrapup',
  'AgentRinging',
  'AgentDialing',
  'AgentOnCall',
  'AgentLoggedOut',
] as const;
export const AgentStateName = z.enum(AGENT_STATE_NAMES);

export const AgentState = z.looseObject({
  name: AgentStateName,
  agentId: id,
  /** GLPI calls `.length` on it: a string, never null (xuc-protocol.md §5). */
  phoneNb: z.string(),
  since: num,
  queues: z.array(id),
  cause: z.string().optional(),
  acd: z.boolean().optional(),
  direction: z.string().optional(),
  callType: z.string().optional(),
  monitorState: z.string().optional(),
});
export const AgentStateEvent = AgentState;

export const AgentError = z.looseObject({
  Error: z.string(),
  phoneNb: z.string().optional(),
  RequestedNb: z.string().optional(),
});

export const AgentListEntry = z.looseObject({
  id,
  firstName: z.string(),
  lastName: z.string(),
  number: z.string(),
  context: z.string(),
  groupId: id,
  userId: id.optional(),
});
export const AgentList = z.array(AgentListEntry);

/** agent-api.md's AgentConfig sample uses lower-case `firstname`/`userid`; AgentList camel case. Both are read. */
export const AgentConfigMember = z.looseObject({
  queue_name: z.string(),
  queue_id: id,
  interface: z.string().optional(),
  penalty: num,
  commented: num.optional(),
  usertype: z.string().optional(),
  userid: id.optional(),
  channel: z.string().optional(),
  category: z.string().optional(),
  position: num.optional(),
});
export const AgentConfig = z.looseObject({
  id,
  firstname: z.string().optional(),
  lastname: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  number: z.string(),
  context: z.string().optional(),
  member: z.array(AgentConfigMember).optional(),
  numgroup: id.optional(),
  groupId: id.optional(),
  userid: id.optional(),
  userId: id.optional(),
});

export const AgentDirectory = z.looseObject({
  directory: z.array(
    z.looseObject({
      agent: z.looseObject({
        context: z.string(),
        firstName: z.string(),
        lastName: z.string(),
        groupId: id,
        id,
        number: z.string(),
      }),
      agentState: AgentState,
    }),
  ),
});

export const AgentListen = z.looseObject({
  started: z.boolean(),
  phoneNumber: z.string().optional(),
  agentId: id.optional(),
});

export const AgentGroup = z.looseObject({ id, name: z.string(), displayName: z.string().optional() });
export const AgentGroupList = z.array(AgentGroup);

export const Statistic = z.looseObject({ name: z.string(), value: z.union([num, z.string()]) });
export const AgentStatistics = z.looseObject({ id, statistics: z.array(Statistic) });

// ---- Queues --------------------------------------------------------------------------------

export const QueueConfig = z.looseObject({
  id,
  name: z.string(),
  displayName: z.string().optional(),
  number: z.string().optional(),
});
export const QueueList = z.array(QueueConfig);

/** A negative penalty (-1) means "removed from the queue". */
export const QueueMember = z.looseObject({ agentId: id, queueId: id, penalty: num });
export const QueueMemberList = z.array(QueueMember);

export const QueueStatistics = z.looseObject({
  queueId: id.optional(),
  queueRef: z.string().optional(),
  counters: z.array(z.looseObject({ statName: z.string(), value: num })),
});

export const QueueCall = z.looseObject({
  position: num.optional(),
  name: z.string().optional(),
  number: z.string().optional(),
  queueTime: z.union([num, z.string()]).optional(),
});
export const QueueCalls = z.looseObject({ queueId: id, calls: z.array(QueueCall) });

// ---- Calls ---------------------------------------------------------------------------------

export const SheetField = z.looseObject({
  name: z.string(),
  value: z.union([z.string(), num, z.boolean(), z.null()]),
  order: num.optional(),
  type: z.string().optional(),
});
export const Sheet = z.looseObject({
  timenow: num.optional(),
  compressed: z.boolean().optional(),
  serial: z.string().optional(),
  payload: z.looseObject({
    profile: z.looseObject({
      user: z.looseObject({ sheetInfo: z.array(SheetField) }),
    }),
  }),
  channel: z.string().optional(),
});

export const PhoneEvent = z.looseObject({
  eventType: z.string(),
  DN: z.string(),
  otherDN: z.string().optional(),
  otherDName: z.string().optional(),
  linkedId: z.string().optional(),
  uniqueId: z.string().optional(),
  queueName: z.string().optional(),
  userData: z.record(z.string(), z.string()).default({}),
});
export const PhoneStatusUpdate = z.looseObject({ status: num });

// ---- Callbacks -----------------------------------------------------------------------------

export const PreferredPeriod = z.looseObject({
  uuid: z.string(),
  name: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  default: z.boolean().optional(),
});

export const CallbackRequest = z.looseObject({
  uuid: z.string(),
  listUuid: z.string(),
  phoneNumber: z.string().nullish(),
  mobilePhoneNumber: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  company: z.string().nullish(),
  description: z.string().nullish(),
  agentId: id.nullish(),
  dueDate: z.string(),
  preferredPeriod: PreferredPeriod.nullish(),
  voiceMessageRef: z.string().nullish(),
});

export const CallbackList = z.looseObject({
  uuid: z.string(),
  name: z.string(),
  queueId: id,
  callbacks: z.array(CallbackRequest),
});
export const CallbackLists = z.array(CallbackList);
export const CallbackTaken = z.looseObject({ uuid: z.string(), agentId: id });
export const CallbackReleased = z.looseObject({ uuid: z.string() });
export const CallbackStarted = z.looseObject({ requestUuid: z.string(), ticketUuid: z.string() });
export const CallbackClotured = z.looseObject({ uuid: z.string() });
export const CallbackRequestUpdated = z.looseObject({ request: CallbackRequest });
export const PreferredCallbackPeriodList = z.array(PreferredPeriod);
export const FindCallbackResponseWithId = z.looseObject({
  id: num,
  response: z.looseObject({ list: z.array(CallbackRequest), total: num.optional() }),
});

// ---- Membership ----------------------------------------------------------------------------

export const MembershipEntry = z.looseObject({ queueId: id, penalty: num });
export const UserQueueDefaultMembership = z.looseObject({ userId: id, membership: z.array(MembershipEntry) });
export const UsersQueueDefaultMembership = z.looseObject({
  memberships: z.array(UserQueueDefaultMembership),
});

// ---- The table -----------------------------------------------------------------------------

/** msgType → payload schema. The one place a new server message is declared. */
export const incomingSchemas = {
  LoggedOn,
  LoggedOnError,
  Error: ErrorMessage,
  Pong,
  RightProfile,
  UserConfigUpdate,
  UsersStatuses,
  UserStatusUpdate,
  AgentStateEvent,
  AgentError,
  AgentList,
  AgentConfig,
  AgentDirectory,
  AgentListen,
  AgentGroupList,
  AgentStatistics,
  QueueConfig,
  QueueList,
  QueueMember,
  QueueMemberList,
  QueueStatistics,
  QueueCalls,
  Sheet,
  PhoneEvent,
  PhoneStatusUpdate,
  CallbackLists,
  CallbackTaken,
  CallbackReleased,
  CallbackStarted,
  CallbackClotured,
  CallbackRequestUpdated,
  PreferredCallbackPeriodList,
  FindCallbackResponseWithId,
  UserQueueDefaultMembership,
  UsersQueueDefaultMembership,
} as const;

export type IncomingSchemas = typeof incomingSchemas;
export type MsgType = keyof IncomingSchemas;
/** The decoded payload of each msgType. */
export type Incoming = { [K in MsgType]: z.output<IncomingSchemas[K]> };
/** What a server must put in `ctiMessage` for each msgType (defaults may be left out). */
export type Outgoing = { [K in MsgType]: z.input<IncomingSchemas[K]> };
export type AnyIncoming = { [K in MsgType]: { msgType: K; ctiMessage: Incoming[K] } }[MsgType];

export const MSG_TYPES = Object.keys(incomingSchemas) as MsgType[];
export function isMsgType(value: string): value is MsgType {
  return Object.prototype.hasOwnProperty.call(incomingSchemas, value);
}

export type AgentStateNameT = z.output<typeof AgentStateName>;
export type AgentStateT = Incoming['AgentStateEvent'];
export type CallbackRequestT = z.output<typeof CallbackRequest>;
export type CallbackListT = z.output<typeof CallbackList>;
export type PreferredPeriodT = z.output<typeof PreferredPeriod>;
export type SheetFieldT = z.output<typeof SheetField>;
export type UserStatusT = z.output<typeof UserStatus>;
