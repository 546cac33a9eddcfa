/**
 * Every JSON sample of agent-api.md, saved under test/fixtures/agent-api as a full frame, decodes to
 * the typed value the doc describes: same fields, same casing, nothing lost.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFrame } from '../../../xuc/wire/decode';
import type { AnyIncoming } from '../../../xuc/wire/events';

const DIR = join(import.meta.dirname, '../../fixtures/agent-api');

type Check = (message: AnyIncoming) => void;

/** One entry per fixture file: its msgType and assertions on real field values. */
const EXPECTED: Record<string, Check> = {
  'agent-error-phone-number-unknown': (m) => {
    expect(m.msgType).toBe('AgentError');
    if (m.msgType !== 'AgentError') return;
    expect(m.ctiMessage.Error).toBe('PhoneNumberUnknown');
    expect(m.ctiMessage.phoneNb).toBeUndefined();
  },
  'agent-error-logged-in-on-another-phone': (m) => {
    if (m.msgType !== 'AgentError') throw new Error(m.msgType);
    expect(m.ctiMessage).toEqual({ Error: 'LoggedInOnAnotherPhone', phoneNb: '1002', RequestedNb: '1001' });
  },
  'queue-member-set': (m) => {
    if (m.msgType !== 'QueueMember') throw new Error(m.msgType);
    expect([m.ctiMessage.agentId, m.ctiMessage.queueId, m.ctiMessage.penalty]).toEqual([19, 8, 2]);
  },
  'queue-member-removed': (m) => {
    if (m.msgType !== 'QueueMember') throw new Error(m.msgType);
    expect(m.ctiMessage.penalty).toBe(-1);
  },
  sheet: (m) => {
    if (m.msgType !== 'Sheet') throw new Error(m.msgType);
    expect(m.ctiMessage.timenow).toBe(1425055334);
    expect(m.ctiMessage.channel).toBe('SIP/1k4yj2-00000013');
    const info = m.ctiMessage.payload.profile.user.sheetInfo;
    expect(info.map((field) => [field.name, field.value, field.order, field.type])).toEqual([
      ['popupUrl', 'http://www.google.fr/', 10, 'url'],
      ['folderNumber', '&folder=1234', 30, 'text'],
      ['popupUrl1', 'http://www.google.fr/', 20, 'url'],
    ]);
  },
  'right-profile': (m) => {
    if (m.msgType !== 'RightProfile') throw new Error(m.msgType);
    expect(m.ctiMessage.profile).toBe('Supervisor');
    expect(m.ctiMessage.rights).toEqual(['dissuasion', 'recording']);
  },
  'agent-state-login': state('AgentLogin', { since: 1423839787 }),
  'agent-state-ready': state('AgentReady', { since: 0, cause: 'available' }),
  'agent-state-on-pause': state('AgentOnPause', { since: 0, cause: 'available' }),
  'agent-state-on-wrapup': state('AgentOnWrapup', { since: 2 }),
  'agent-state-ringing': state('AgentRinging', { since: 0 }),
  'agent-state-dialing': state('AgentDialing', { since: 0 }),
  'agent-state-on-call': state('AgentOnCall', {
    since: 0,
    acd: false,
    direction: 'Incoming',
    callType: 'External',
    monitorState: 'ACTIVE',
  }),
  'agent-state-logged-out': state('AgentLoggedOut', { since: 0 }),
  'agent-directory': (m) => {
    if (m.msgType !== 'AgentDirectory') throw new Error(m.msgType);
    const [entry] = m.ctiMessage.directory;
    expect(entry!.agent).toEqual({
      context: 'default',
      firstName: 'bj',
      groupId: 1,
      id: 8,
      lastName: 'agent',
      number: '2000',
    });
    expect(entry!.agentState.name).toBe('AgentReady');
    expect(entry!.agentState.phoneNb).toBe('1001');
    expect(entry!.agentState.queues).toEqual([1, 2]);
  },
  'agent-config': (m) => {
    if (m.msgType !== 'AgentConfig') throw new Error(m.msgType);
    expect(m.ctiMessage.id).toBe(23);
    expect(m.ctiMessage.firstname).toBe('Jack');
    expect(m.ctiMessage.lastname).toBe('Flash');
    expect(m.ctiMessage.userid).toBe(1);
    expect(m.ctiMessage.member?.map((q) => [q.queue_name, q.queue_id, q.penalty])).toEqual([
      ['queue1', 1, 1],
      ['queue2', 2, 2],
    ]);
  },
  'agent-list': (m) => {
    if (m.msgType !== 'AgentList') throw new Error(m.msgType);
    expect(m.ctiMessage).toHaveLength(6);
    expect(m.ctiMessage[1]).toEqual({
      id: 20,
      firstName: 'Maricé',
      lastName: 'Saprïtchà',
      number: '2602',
      context: 'default',
      groupId: 1,
    });
    expect(m.ctiMessage.map((agent) => agent.groupId)).toEqual([1, 1, 1, 2, 3, 5]);
  },
  'agent-listen': (m) => {
    if (m.msgType !== 'AgentListen') throw new Error(m.msgType);
    expect(m.ctiMessage).toEqual({ started: false, phoneNumber: '1058', agentId: 22 });
  },
  'agent-group-list': (m) => {
    if (m.msgType !== 'AgentGroupList') throw new Error(m.msgType);
    expect(m.ctiMessage.map((group) => group.name)).toEqual([
      'default',
      'boats',
      'broum',
      'bingba3nguh',
      'salesexpert',
      'a_very_long_group_name',
    ]);
  },
  'agent-statistics': (m) => {
    if (m.msgType !== 'AgentStatistics') throw new Error(m.msgType);
    expect(m.ctiMessage.id).toBe(22);
    const stats = Object.fromEntries(m.ctiMessage.statistics.map((s) => [s.name, s.value]));
    expect(stats).toEqual({
      AgentPausedTotalTime: 0,
      AgentWrapupTotalTime: 0,
      AgentReadyTotalTime: 434,
      LoginDateTime: '2015-04-27T08:15:01.081+02:00',
      LogoutDateTime: '2015-04-27T08:14:49.427+02:00',
    });
  },
  'callback-lists': (m) => {
    if (m.msgType !== 'CallbackLists') throw new Error(m.msgType);
    const [list] = m.ctiMessage;
    expect(list!.name).toBe('Liste de test');
    expect(list!.queueId).toBe(1);
    const [request] = list!.callbacks;
    expect(request!.lastName).toBe("O'Neill");
    expect(request!.description).toBeNull();
    expect(request!.agentId).toBeNull();
    expect(request!.dueDate).toBe('2016-08-01');
    expect(request!.preferredPeriod).toEqual({
      default: false,
      name: 'Afternoon',
      periodStart: '14:00:00',
      periodEnd: '17:00:00',
      uuid: 'd3270038-e20e-498a-af71-3cf69b5cc792',
    });
  },
  'callback-taken': (m) => {
    if (m.msgType !== 'CallbackTaken') throw new Error(m.msgType);
    expect(m.ctiMessage).toEqual({ uuid: 'a967da84-bc41-4bf4-a4fc-2bcc54e11606', agentId: 2 });
  },
  'callback-started': (m) => {
    if (m.msgType !== 'CallbackStarted') throw new Error(m.msgType);
    expect(m.ctiMessage.requestUuid).toBe('a967da84-bc41-4bf4-a4fc-2bcc54e11606');
    expect(m.ctiMessage.ticketUuid).toBe('8e82de0f-847a-4606-97bf-bef5a18ea8b0');
  },
  'callback-clotured': (m) => {
    if (m.msgType !== 'CallbackClotured') throw new Error(m.msgType);
    expect(m.ctiMessage.uuid).toBe('a967da84-bc41-4bf4-a4fc-2bcc54e11606');
  },
  'callback-released': (m) => {
    if (m.msgType !== 'CallbackReleased') throw new Error(m.msgType);
    expect(m.ctiMessage.uuid).toBe('a967da84-bc41-4bf4-a4fc-2bcc54e11606');
  },
  'callback-request-updated': (m) => {
    if (m.msgType !== 'CallbackRequestUpdated') throw new Error(m.msgType);
    expect(m.ctiMessage.request.uuid).toBe('a967da84-bc41-4bf4-a4fc-2bcc54e11606');
    expect(m.ctiMessage.request.mobilePhoneNumber).toBe('0789654123');
    expect(m.ctiMessage.request.preferredPeriod?.name).toBe('Afternoon');
  },
};

function state(name: string, fields: Record<string, unknown>): Check {
  return (m) => {
    if (m.msgType !== 'AgentStateEvent') throw new Error(m.msgType);
    expect(m.ctiMessage.name).toBe(name);
    expect(m.ctiMessage.agentId).toBe(19);
    expect(m.ctiMessage.phoneNb).toBe('1000');
    expect(m.ctiMessage.queues).toEqual([8, 14, 170, 4, 1]);
    expect(m.ctiMessage).toMatchObject(fields);
  };
}

const files = readdirSync(DIR)
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.replace(/\.json$/, ''))
  .sort();

describe('agent-api.md samples', () => {
  it('has an expectation for every fixture file and a file for every expectation', () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(files)('%s decodes to the documented value', (name) => {
    const text = readFileSync(join(DIR, `${name}.json`), 'utf8');
    const result = decodeFrame(text);
    if (!result.ok) throw new Error(`${name}: ${result.reason} ${result.detail}`);
    // The decoded payload keeps every field of the sample, with the wire's names.
    const raw = JSON.parse(text) as { msgType: string; ctiMessage: unknown };
    expect(result.message.msgType).toBe(raw.msgType);
    expect(result.message.ctiMessage).toEqual(raw.ctiMessage);
    EXPECTED[name]!(result.message);
  });
});
