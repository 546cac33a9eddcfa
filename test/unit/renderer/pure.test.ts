import { describe, expect, it } from 'vitest';
import { agentErrorToDesk } from '../../../main/desk/errors';
import { anotherPhoneNumbers, describeError } from '../../../renderer/errors';
import { translator } from '../../../shared/i18n';
import { fieldLabel, formatDuration, formatSeconds } from '../../../renderer/format';
import { nextSignedIn } from '../../../renderer/app';
import { parseAllowlist } from '../../../renderer/screens/settings';
import { shortcutFor } from '../../../renderer/shortcuts';
import {
  callbackRows,
  countByTone,
  createRosterSorter,
  filterAgents,
  membershipsOf,
  readableSheet,
} from '../../../renderer/store/selectors';
import { agent, callbackRequest, makeSnapshot, MORNING } from './fixtures';

describe('formatDuration', () => {
  it('shows m:ss under an hour and h:mm:ss above, never negative', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(65_999)).toBe('1:05');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(formatDuration(-5_000)).toBe('0:00');
    expect(formatSeconds(null)).toBe('—');
  });
});

describe('describeError', () => {
  it('names the two phones of LoggedInOnAnotherPhone, in either casing the server uses', () => {
    const error = {
      code: 'agent-error' as const,
      message: 'x',
      details: { error: 'LoggedInOnAnotherPhone', phoneNb: '1002', RequestedNb: '1001' },
    };
    expect(describeError(error)).toEqual({
      key: 'anotherPhone.explain',
      params: { phoneNb: '1002', requestedNb: '1001' },
    });
    expect(anotherPhoneNumbers(error)).toEqual({ phoneNb: '1002', requestedNb: '1001' });
  });

  it('shows the sentence the desk chose, by its key, in the window’s language', () => {
    const fromDesk = agentErrorToDesk(
      { Error: 'PhoneNumberUnknown', RequestedNb: '1001' },
      '',
      translator('fr'),
    );
    expect(describeError(fromDesk)).toEqual({
      key: 'error.phoneNumberUnknown',
      params: { requestedNb: '1001' },
    });
  });

  it('words by code what the bridge answered without the desk', () => {
    expect(describeError({ code: 'invalid-credentials', message: '' }).key).toBe('error.invalidCredentials');
    expect(describeError({ code: 'tls', message: 'bad cert' })).toMatchObject({
      key: 'error.tls',
      params: { detail: 'bad cert' },
    });
    expect(describeError({ code: 'offline', message: 'socket closed', key: 'no.such.key' }).key).toBe(
      'error.offline',
    );
    expect(describeError({ code: 'internal', message: 'x'.repeat(500) }).params.detail).toHaveLength(200);
  });
});

describe('selectors', () => {
  it('membershipsOf skips removed memberships (penalty -1) and unknown queues', () => {
    const snapshot = makeSnapshot();
    const memberships = {
      ...snapshot.memberships,
      '19:3': { agentId: 19, queueId: 3, penalty: -1 },
      '19:9': { agentId: 19, queueId: 9, penalty: 0 },
    };
    expect(membershipsOf(memberships, snapshot.queues, 19).map((row) => row.queue.id)).toEqual([1, 2]);
  });

  it('callbackRows orders by due date, period start, then name; requests with no period come last', () => {
    const lists = {
      l: {
        uuid: 'l',
        name: 'L',
        queueId: 1,
        requests: [
          callbackRequest('c', { dueDate: '2026-03-11', period: null }),
          callbackRequest('d', { dueDate: '2026-03-11', period: MORNING, firstName: 'Zed' }),
          callbackRequest('b', { dueDate: '2026-03-11', period: MORNING, firstName: 'Ann' }),
          callbackRequest('a', { dueDate: '2026-03-10' }),
        ],
      },
    };
    const rows = callbackRows(lists, { search: '', listUuid: null, owner: 'all' }, 19);
    expect(rows.map((row) => row.request.uuid)).toEqual(['a', 'b', 'd', 'c']);
  });

  it('the roster sorter keeps its order through state changes and re-sorts when someone joins', () => {
    const sort = createRosterSorter();
    const agents = { '2': agent(2, { lastName: 'Bravo' }), '1': agent(1, { lastName: 'Alpha' }) };
    expect(sort(agents).map((a) => a.id)).toEqual([1, 2]);
    const changed = { ...agents, '2': agent(2, { lastName: 'Bravo', state: 'AgentOnCall' }) };
    const sorted = sort(changed);
    expect(sorted.map((a) => a.id)).toEqual([1, 2]);
    expect(sorted[1]!.state).toBe('AgentOnCall');
    expect(sort({ ...changed, '3': agent(3, { lastName: 'Aaron' }) }).map((a) => a.id)).toEqual([3, 1, 2]);
    expect(
      sort({ '1': agent(1, { lastName: 'Zulu' }), '2': agent(2, { lastName: 'Bravo' }) }).map((a) => a.id),
    ).toEqual([2, 1]);
  });

  it('filterAgents combines group, queue, state and text; countByTone counts by colour family', () => {
    const list = [
      agent(1, { groupId: 1, queues: [1], state: 'AgentReady' }),
      agent(2, { groupId: 2, queues: [1, 2], state: 'AgentRinging' }),
      agent(3, { groupId: 2, queues: [2], state: 'AgentOnCall', lastName: 'Smith' }),
    ];
    expect(
      filterAgents(list, { search: '', groupId: 2, queueId: 2, tone: 'oncall' }).map((a) => a.id),
    ).toEqual([2, 3]);
    expect(
      filterAgents(list, { search: 'smi', groupId: null, queueId: null, tone: null }).map((a) => a.id),
    ).toEqual([3]);
    expect(countByTone(list)).toEqual({ ready: 1, paused: 0, oncall: 2, wrapup: 0, offline: 0 });
  });
});

describe('readableSheet', () => {
  it('orders by `order` and shows a label with the same value once', () => {
    const rows = readableSheet([
      { name: 'USR_folderNumber', value: '4711', order: 50, type: 'text' },
      { name: 'folderNumber', value: '4711', order: 30, type: 'text' },
      { name: 'popupUrl', value: 'https://crm.example.com/?f=4711', order: 10, type: 'url' },
      { name: 'USR_product', value: 'Fibre', order: 60, type: 'text' },
      { name: 'product', value: 'Copper', order: 20, type: 'text' },
    ]);
    expect(rows.map((row) => `${row.label}=${row.value}`)).toEqual([
      'Popup url=https://crm.example.com/?f=4711',
      'Product=Copper',
      'Folder number=4711',
      'Product=Fibre',
    ]);
  });
});

describe('nextSignedIn', () => {
  const user = makeSnapshot().user;
  const at = (
    state: 'signed-out' | 'connecting' | 'offline' | 'connected' | 'reconnecting',
    withUser = true,
  ) =>
    ({
      user: withUser ? user : null,
      connection:
        state === 'offline'
          ? { state, server: 's', reason: 'unreachable', detail: '' }
          : state === 'reconnecting'
            ? { state, server: 's', attempt: 1, nextRetryAt: 0, lastError: '' }
            : state === 'connected'
              ? { state, server: 's', since: 0 }
              : state === 'connecting'
                ? { state, server: 's' }
                : { state },
    }) as Parameters<typeof nextSignedIn>[1];

  it('keeps the form while a first attempt connects or fails, and the desk through a drop', () => {
    expect(nextSignedIn(false, at('connecting'))).toBe(false);
    expect(nextSignedIn(false, at('offline'))).toBe(false);
    expect(nextSignedIn(false, at('connected'))).toBe(true);
    expect(nextSignedIn(true, at('connecting'))).toBe(true);
    expect(nextSignedIn(true, at('offline'))).toBe(true);
    expect(nextSignedIn(false, at('reconnecting'))).toBe(true);
    expect(nextSignedIn(true, at('signed-out'))).toBe(false);
    expect(nextSignedIn(true, at('connected', false))).toBe(false);
  });
});

describe('small parsers', () => {
  it('parseAllowlist keeps valid host patterns, lower-cased and unique', () => {
    expect(parseAllowlist('CRM.example.com, *.corp.example\ncrm.example.com')).toEqual({
      hosts: ['crm.example.com', '*.corp.example'],
      invalid: [],
    });
    expect(parseAllowlist('https://x.example/ a..b *.').invalid).toEqual([
      'https://x.example/',
      'a..b',
      '*.',
    ]);
  });

  it('fieldLabel turns Sheet identifiers into words', () => {
    expect(fieldLabel('folderNumber')).toBe('Folder number');
    expect(fieldLabel('USR_customer_id')).toBe('Customer id');
    expect(fieldLabel('popupUrl1')).toBe('Popup url1');
  });

  it('shortcutFor needs Alt alone', () => {
    const screens = ['home', 'queues'] as const;
    const key = (code: string, extra: Partial<KeyboardEvent> = {}) =>
      shortcutFor({ altKey: true, ctrlKey: false, metaKey: false, shiftKey: false, code, ...extra }, [
        ...screens,
      ]);
    expect(key('KeyR')).toEqual({ kind: 'ready' });
    expect(key('KeyP')).toEqual({ kind: 'pause' });
    expect(key('Digit2')).toEqual({ kind: 'screen', screen: 'queues' });
    expect(key('Digit3')).toBeNull();
    expect(key('KeyR', { ctrlKey: true })).toBeNull();
    expect(key('KeyR', { altKey: false })).toBeNull();
  });
});
