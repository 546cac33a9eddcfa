import { describe, expect, it } from 'vitest';
import type { DeskNotification } from '../../../main/desk/ports';
import {
  createNotifier,
  notificationOptions,
  type NotificationOptionsLike,
} from '../../../main/electron/notifications';

class FakeNotification {
  static supported = true;
  static all: FakeNotification[] = [];
  static isSupported() {
    return FakeNotification.supported;
  }
  listeners = new Map<string, Array<() => void>>();
  shown = false;
  closed = false;
  constructor(readonly options: NotificationOptionsLike) {
    FakeNotification.all.push(this);
  }
  on(event: string, listener: () => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  emit(event: string) {
    for (const listener of this.listeners.get(event) ?? []) listener();
  }
  show() {
    this.shown = true;
  }
  close() {
    this.closed = true;
    this.emit('close');
  }
}

const call: DeskNotification = {
  id: 'call:c1',
  kind: 'incoming-call',
  title: 'Incoming call',
  body: 'Bob 0601 — queue Sales',
};
const due: DeskNotification = { id: 'cb:1', kind: 'callback-due', title: 'Callback due', body: 'Alice' };

function setup() {
  FakeNotification.all = [];
  FakeNotification.supported = true;
  const warnings: string[] = [];
  const notifier = createNotifier(
    { Notification: FakeNotification },
    { iconPath: '/icon.png', logger: { warn: (m) => warnings.push(m) } },
  );
  return { notifier, warnings };
}

describe('notificationOptions', () => {
  it('an incoming call is urgent, audible and stays until dealt with', () => {
    expect(notificationOptions(call, '/icon.png')).toEqual({
      title: 'Incoming call',
      body: 'Bob 0601 — queue Sales',
      silent: false,
      urgency: 'critical',
      timeoutType: 'never',
      icon: '/icon.png',
    });
  });

  it.each([
    ['callback-due', { silent: true, urgency: 'normal', timeoutType: 'default' }],
    ['connection-lost', { silent: false, urgency: 'critical', timeoutType: 'default' }],
    ['connection-restored', { silent: true, urgency: 'normal', timeoutType: 'default' }],
    ['screen-pop-refused', { silent: true, urgency: 'normal', timeoutType: 'default' }],
  ] as const)('%s', (kind, expected) => {
    expect(notificationOptions({ id: 'x', kind, title: 't', body: 'b' })).toEqual({
      title: 't',
      body: 'b',
      ...expected,
    });
  });
});

describe('createNotifier', () => {
  it('shows a native notification; a click runs the desk’s callback (show and focus the window)', () => {
    const { notifier } = setup();
    let clicked = 0;
    notifier.show(call, () => (clicked += 1));
    const native = FakeNotification.all[0]!;
    expect(native.shown).toBe(true);
    expect(native.options.title).toBe('Incoming call');
    native.emit('click');
    expect(clicked).toBe(1);
  });

  it('replaces a notification with the same id instead of stacking a second one', () => {
    const { notifier } = setup();
    notifier.show(call, () => {});
    notifier.show({ ...call, body: 'Bob Smith 0601 — queue Sales' }, () => {});
    expect(FakeNotification.all).toHaveLength(2);
    expect(FakeNotification.all[0]!.closed).toBe(true);
    expect(notifier.open()).toBe(1);
    notifier.show(due, () => {});
    expect(notifier.open()).toBe(2);
  });

  it('forgets a notification once closed or clicked (no leak over a long shift)', () => {
    const { notifier } = setup();
    notifier.show(call, () => {});
    notifier.show(due, () => {});
    FakeNotification.all[0]!.emit('click');
    FakeNotification.all[1]!.emit('close');
    expect(notifier.open()).toBe(0);
  });

  it('where the system has no notifications, does nothing and says so once', () => {
    const { notifier, warnings } = setup();
    FakeNotification.supported = false;
    notifier.show(call, () => {});
    notifier.show(due, () => {});
    expect(FakeNotification.all).toHaveLength(0);
    expect(warnings).toHaveLength(1);
  });

  it('logs a notification that failed to show', () => {
    const { notifier, warnings } = setup();
    notifier.show(call, () => {});
    FakeNotification.all[0]!.emit('failed');
    expect(warnings).toEqual(['A notification could not be shown']);
    expect(notifier.open()).toBe(0);
  });
});
