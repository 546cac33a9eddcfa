/**
 * The practice contact centre as data: queues, groups, lines, agents, users with profiles,
 * memberships, pause reasons, callback lists. A `--data FILE` is checked against this schema,
 * including cross references, and refused with the path of the first bad entry.
 */
import { z } from 'zod';

const id = z.number().int().positive();
const phone = z.string().regex(/^[0-9*#+]{2,20}$/, 'digits, *, # or +, 2 to 20 characters');
const name = z.string().trim().min(1).max(100);
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/, 'HH:MM:SS');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
/** Durations are seconds (fractions allowed, so test data can use short ones). */
const seconds = (max: number) => z.number().min(0).max(max);

export const SheetFieldData = z.object({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a field name such as popupUrl'),
  /** A template: {callerNumber}, {callerName}, {folderNumber}, {queueName}, {callId} or {<variable>}. */
  value: z.string().max(2000),
  order: z.number().int().min(0).default(10),
  type: z.enum(['url', 'text']).default('text'),
});

export const QueueData = z.object({
  id,
  name: z.string().regex(/^[a-z0-9_-]{1,40}$/, 'lower-case letters, digits, _ or -'),
  displayName: name,
  number: phone,
  /** Time an agent spends in AgentOnWrapup after a call answered through this queue. */
  wrapUpSeconds: seconds(3600).default(10),
  /** Time a call rings one agent before it moves on to the next. */
  ringTimeoutSeconds: seconds(600)
    .refine((value) => value > 0, 'must be more than 0')
    .default(15),
  /** Time a call may wait before it leaves to the queue's no-answer destination; null = no limit. */
  maxWaitSeconds: seconds(86_400).nullable().default(null),
  /**
   * Time before a call that rang an agent unanswered (timed out or declined) may ring that agent
   * again, as a PBX queue's retry delay; other free members may be rung at once.
   */
  retrySeconds: seconds(600).default(5),
  sheetFields: z.array(SheetFieldData).default([]),
});

export const GroupData = z.object({ id, name, displayName: name.optional() });
export const LineData = z.object({ id, number: phone });

export const AgentData = z.object({
  id,
  firstName: name,
  lastName: name,
  number: phone,
  context: z.string().default('default'),
  groupId: id,
});

export const MembershipData = z.object({
  agentId: id,
  queueId: id,
  penalty: z.number().int().min(0).max(100),
});

const rights = z.array(z.enum(['recording', 'dissuasion'])).default([]);
export const ProfileData = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Admin'), rights }),
  z.object({
    type: z.literal('Supervisor'),
    queueIds: z.array(id),
    groupIds: z.array(id),
    rights,
  }),
  z.object({ type: z.literal('NoRight') }),
]);

export const UserData = z.object({
  id,
  login: z.string().regex(/^[A-Za-z0-9._@-]{1,64}$/, 'letters, digits, . _ @ -'),
  /** Practice credentials only; compared in constant time, never logged. */
  password: z.string().min(1).max(128),
  firstName: name,
  lastName: name,
  lineNumber: phone.nullable().default(null),
  agentId: id.nullable().default(null),
  mobileNumber: phone.nullable().default(null),
  /** null: no profile, which behaves as Admin (agent-api.md). */
  profile: ProfileData.nullable(),
});

export const UserStatusData = z.object({
  name: z.string().min(1).max(64),
  longName: name,
  color: z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'a colour such as #33AA55'),
  actions: z.array(z.object({ name: z.string(), parameters: z.string().optional() })).default([]),
});

export const PeriodData = z.object({
  uuid: z.string().min(1),
  name,
  periodStart: clockTime,
  periodEnd: clockTime,
  default: z.boolean().default(false),
});

export const CallbackRequestData = z
  .object({
    uuid: z.string().min(1),
    phoneNumber: phone.nullable().default(null),
    mobilePhoneNumber: phone.nullable().default(null),
    firstName: z.string().max(100).nullable().default(null),
    lastName: z.string().max(100).nullable().default(null),
    company: z.string().max(100).nullable().default(null),
    description: z.string().max(4000).nullable().default(null),
    /** Either a fixed date or a number of days from the day the server starts (negative = overdue). */
    dueDate: isoDate.optional(),
    dueInDays: z.number().int().min(-365).max(365).optional(),
    periodUuid: z.string().nullable().default(null),
    voiceMessageRef: z.string().nullable().default(null),
  })
  .refine((request) => request.phoneNumber !== null || request.mobilePhoneNumber !== null, {
    message: 'a phoneNumber or a mobilePhoneNumber is required',
    path: ['phoneNumber'],
  });

export const CallbackListData = z.object({
  uuid: z.string().min(1),
  name,
  queueId: id,
  requests: z.array(CallbackRequestData).default([]),
});

/** A meet-me conference room (getList meetme → ConferenceList). */
export const ConferenceRoomData = z.object({
  name,
  number: phone,
  /** A PIN is only said to exist (pinRequired); the practice server never plays it. */
  pinRequired: z.boolean().default(false),
});

export const SimDataSchema = z
  .object({
    queues: z.array(QueueData).min(1),
    groups: z.array(GroupData).min(1),
    lines: z.array(LineData),
    agents: z.array(AgentData),
    memberships: z.array(MembershipData).default([]),
    users: z.array(UserData).min(1),
    userStatuses: z.array(UserStatusData).default([]),
    periods: z.array(PeriodData).default([]),
    callbackLists: z.array(CallbackListData).default([]),
    conferenceRooms: z.array(ConferenceRoomData).default([]),
  })
  .superRefine((data, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    const unique = <T>(key: keyof SimDataIn, items: T[], pick: (item: T) => unknown, field: string) => {
      const seen = new Set<unknown>();
      items.forEach((item, index) => {
        const value = pick(item);
        if (seen.has(value)) issue([key, index, field], `duplicate ${field} ${String(value)}`);
        seen.add(value);
      });
    };
    unique('queues', data.queues, (q) => q.id, 'id');
    unique('queues', data.queues, (q) => q.name, 'name');
    unique('groups', data.groups, (g) => g.id, 'id');
    unique('lines', data.lines, (l) => l.id, 'id');
    unique('lines', data.lines, (l) => l.number, 'number');
    unique('agents', data.agents, (a) => a.id, 'id');
    unique('users', data.users, (u) => u.id, 'id');
    unique('users', data.users, (u) => u.login, 'login');
    unique('userStatuses', data.userStatuses, (s) => s.name, 'name');
    unique('periods', data.periods, (p) => p.uuid, 'uuid');
    unique('callbackLists', data.callbackLists, (l) => l.uuid, 'uuid');
    unique('conferenceRooms', data.conferenceRooms, (r) => r.number, 'number');
    unique('memberships', data.memberships, (m) => `${m.agentId}/${m.queueId}`, 'agentId');

    const queueIds = new Set(data.queues.map((q) => q.id));
    const groupIds = new Set(data.groups.map((g) => g.id));
    const agentIds = new Set(data.agents.map((a) => a.id));
    const lineNumbers = new Set(data.lines.map((l) => l.number));
    const periodIds = new Set(data.periods.map((p) => p.uuid));

    data.agents.forEach((agent, i) => {
      if (!groupIds.has(agent.groupId))
        issue(['agents', i, 'groupId'], `group ${agent.groupId} does not exist`);
    });
    data.memberships.forEach((m, i) => {
      if (!agentIds.has(m.agentId)) issue(['memberships', i, 'agentId'], `agent ${m.agentId} does not exist`);
      if (!queueIds.has(m.queueId)) issue(['memberships', i, 'queueId'], `queue ${m.queueId} does not exist`);
    });
    const agentOwners = new Map<number, number>();
    data.users.forEach((user, i) => {
      if (user.agentId !== null) {
        if (!agentIds.has(user.agentId))
          issue(['users', i, 'agentId'], `agent ${user.agentId} does not exist`);
        const owner = agentOwners.get(user.agentId);
        if (owner !== undefined)
          issue(['users', i, 'agentId'], `agent ${user.agentId} already belongs to user ${owner}`);
        agentOwners.set(user.agentId, user.id);
      }
      if (user.lineNumber !== null && !lineNumbers.has(user.lineNumber)) {
        issue(['users', i, 'lineNumber'], `line ${user.lineNumber} does not exist`);
      }
      if (user.profile?.type === 'Supervisor') {
        user.profile.queueIds.forEach((queueId, j) => {
          if (!queueIds.has(queueId))
            issue(['users', i, 'profile', 'queueIds', j], `queue ${queueId} does not exist`);
        });
        user.profile.groupIds.forEach((groupId, j) => {
          if (!groupIds.has(groupId))
            issue(['users', i, 'profile', 'groupIds', j], `group ${groupId} does not exist`);
        });
      }
    });
    const requestIds = new Set<string>();
    data.callbackLists.forEach((list, i) => {
      if (!queueIds.has(list.queueId))
        issue(['callbackLists', i, 'queueId'], `queue ${list.queueId} does not exist`);
      list.requests.forEach((request, j) => {
        const at = ['callbackLists', i, 'requests', j];
        if (requestIds.has(request.uuid)) issue([...at, 'uuid'], `duplicate uuid ${request.uuid}`);
        requestIds.add(request.uuid);
        if (request.periodUuid !== null && !periodIds.has(request.periodUuid)) {
          issue([...at, 'periodUuid'], `period ${request.periodUuid} does not exist`);
        }
        if ((request.dueDate === undefined) === (request.dueInDays === undefined)) {
          issue([...at, 'dueDate'], 'exactly one of dueDate or dueInDays is required');
        }
      });
    });
  });

type SimDataIn = z.input<typeof SimDataSchema>;
export type SimData = z.output<typeof SimDataSchema>;
export type QueueDataT = z.output<typeof QueueData>;
export type AgentDataT = z.output<typeof AgentData>;
export type UserDataT = z.output<typeof UserData>;
export type ProfileDataT = z.output<typeof ProfileData>;
export type SheetFieldDataT = z.output<typeof SheetFieldData>;
export type PeriodDataT = z.output<typeof PeriodData>;
export type CallbackRequestDataT = z.output<typeof CallbackRequestData>;
