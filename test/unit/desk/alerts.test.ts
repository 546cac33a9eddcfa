import { describe, expect, it } from 'vitest';
import type { CallbackRequestView } from '../../../preload/contract';
import { AlertCenter, decideAlert, dueCallbacks } from '../../../main/desk/alerts';
import { translator } from '../../../shared/i18n';
import { RecordingNotifier, RecordingShell } from './support';

const t = translator('en');
const on = { enabled: true, doNotDisturb: false };
const call = {
  kind: 'incoming-call' as const,
  callKey: 'c1',
  callerName: 'Jean Dupont',
  callerNumber: '0601020304',
  queueName: 'Sales',
};

function request(
  uuid: string,
  dueDate: string,
  start: string | null,
  agentId: number | null = null,
): CallbackRequestView {
  return {
    uuid,
    listUuid: 'L',
    phoneNumber: '0102',
    mobilePhoneNumber: null,
    firstName: 'Ann',
    lastName: 'Lee',
    company: null,
    description: null,
    agentId,
    dueDate,
    period:
      start === null
        ? null
        : { uuid: 'p', name: 'P', periodStart: start, periodEnd: '23:59:00', isDefault: false },
    voiceMessageRef: null,
    ticketUuid: null,
  };
}

describe('alert policy', () => {
  it('announces an incoming call with caller and queue', () => {
    expect(decideAlert(call, on, t)).toEqual({
      id: 'call:c1',
      kind: 'incoming-call',
      title: 'Incoming call',
      body: 'Jean Dupont 0601020304 — queue Sales',
    });
  });

  it('says "Unknown caller" when nothing is known', () => {
    const n = decideAlert({ ...call, callerName: null, callerNumber: '', queueName: null }, on, t);
    expect(n?.body).toBe('Unknown caller');
  });

  it('stays silent under do-not-disturb and when notifications are off', () => {
    expect(decideAlert(call, { enabled: true, doNotDisturb: true }, t)).toBeNull();
    expect(decideAlert(call, { enabled: false, doNotDisturb: false }, t)).toBeNull();
    expect(
      decideAlert({ kind: 'connection-lost', occurrence: 1 }, { enabled: true, doNotDisturb: true }, t),
    ).toBeNull();
  });

  it('shows each notification once, and a click shows the window', () => {
    const notifier = new RecordingNotifier();
    const shell = new RecordingShell();
    const center = new AlertCenter(notifier, shell, () => {});
    center.raise(call, on, t);
    center.raise(call, on, t);
    center.raise({ kind: 'connection-lost', occurrence: 1 }, on, t);
    center.raise({ kind: 'connection-restored', occurrence: 1 }, on, t);
    expect(notifier.shown.map((s) => s.notification.kind)).toEqual([
      'incoming-call',
      'connection-lost',
      'connection-restored',
    ]);
    notifier.shown[0]!.click();
    expect(shell.shows).toBe(1);
  });

  it('tells a refused screen pop with its reason', () => {
    const n = decideAlert(
      {
        kind: 'screen-pop-refused',
        callKey: 'c1',
        url: 'https://evil.com/x',
        reason: 'host not on the allowlist',
      },
      on,
      t,
    );
    expect(n?.body).toBe('host not on the allowlist: https://evil.com/x');
  });
});

describe('due callbacks', () => {
  const now = new Date(2026, 0, 5, 14, 30).getTime();
  const lists = {
    L: {
      uuid: 'L',
      name: 'List',
      queueId: 1,
      requests: [
        request('past', '2026-01-04', null),
        request('afternoon', '2026-01-05', '14:00:00'),
        request('evening', '2026-01-05', '18:00:00'),
        request('taken-by-other', '2026-01-05', '09:00:00', 99),
        request('mine', '2026-01-05', '09:00:00', 11),
      ],
    },
  };

  it('on the first look, everything already due, free or mine', () => {
    expect(dueCallbacks(lists, now, null, 11).map((r) => r.uuid)).toEqual(['past', 'afternoon', 'mine']);
  });

  it('later, only what became due since the last look', () => {
    const since = new Date(2026, 0, 5, 13, 59).getTime();
    expect(dueCallbacks(lists, now, since, 11).map((r) => r.uuid)).toEqual(['afternoon']);
  });

  it('summarises several in one notification', () => {
    const n = decideAlert({ kind: 'callback-due', requests: dueCallbacks(lists, now, null, 11) }, on, t);
    expect(n?.body).toBe('3 callbacks are due now');
  });
});
