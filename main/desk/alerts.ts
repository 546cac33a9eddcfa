/**
 * The alert policy: which events deserve a native notification, and what it says.
 * Pure decisions (`decideAlert`, `dueCallbacks`) plus a thin `AlertCenter` that remembers what was
 * shown, so each call gets exactly one notification, and makes a click show the app.
 */
import type { CallbackListView, CallbackRequestView, Settings } from '../../preload/contract';
import type { Translate } from '../../shared/i18n';
import type { AppShell, DeskNotification, Notifier } from './ports';

export type AlertEvent =
  | {
      kind: 'incoming-call';
      callKey: string;
      callerName: string | null;
      callerNumber: string | null;
      queueName: string | null;
    }
  | { kind: 'callback-due'; requests: CallbackRequestView[] }
  | { kind: 'connection-lost'; occurrence: number }
  | { kind: 'connection-restored'; occurrence: number }
  | { kind: 'screen-pop-refused'; callKey: string; url: string; reason: string };

/** Decides one event. `null` = no notification (disabled, do-not-disturb, or nothing to say). */
export function decideAlert(
  event: AlertEvent,
  notifications: Settings['notifications'],
  t: Translate,
): DeskNotification | null {
  if (!notifications.enabled || notifications.doNotDisturb) return null;
  switch (event.kind) {
    case 'incoming-call': {
      const caller =
        [event.callerName, event.callerNumber].filter((part) => part && part.trim() !== '').join(' ') ||
        t('notify.unknownCaller');
      return {
        id: `call:${event.callKey}`,
        kind: 'incoming-call',
        title: t('notify.incomingCall.title'),
        body: event.queueName
          ? t('notify.incomingCall.body', { caller, queue: event.queueName })
          : t('notify.incomingCall.bodyNoQueue', { caller }),
      };
    }
    case 'callback-due': {
      const [first] = event.requests;
      if (!first) return null;
      const body =
        event.requests.length === 1
          ? t('notify.callbackDue.body', {
              who: personOf(first),
              number: first.phoneNumber ?? first.mobilePhoneNumber ?? '',
            })
          : t('notify.callbacksDue.body', { count: event.requests.length });
      return {
        id: `callback-due:${event.requests.map((r) => r.uuid).join(',')}`.slice(0, 200),
        kind: 'callback-due',
        title: t('notify.callbackDue.title'),
        body,
      };
    }
    case 'connection-lost':
      return {
        id: `connection-lost:${event.occurrence}`,
        kind: 'connection-lost',
        title: t('notify.connectionLost.title'),
        body: t('notify.connectionLost.body'),
      };
    case 'connection-restored':
      return {
        id: `connection-restored:${event.occurrence}`,
        kind: 'connection-restored',
        title: t('notify.connectionRestored.title'),
        body: t('notify.connectionRestored.body'),
      };
    case 'screen-pop-refused':
      return {
        id: `screen-pop-refused:${event.callKey}`,
        kind: 'screen-pop-refused',
        title: t('notify.screenPopRefused.title'),
        body: t('notify.screenPopRefused.body', { reason: event.reason, url: event.url }),
      };
  }
}

function personOf(request: CallbackRequestView): string {
  const name = [request.firstName, request.lastName].filter(Boolean).join(' ');
  return name || request.company || request.phoneNumber || request.uuid;
}

/** When a callback request becomes due: its due date at the start of its preferred period (local time). */
export function dueAt(request: CallbackRequestView): number {
  const start = request.period?.periodStart ?? '00:00:00';
  const time = Date.parse(`${request.dueDate}T${/^\d{2}:\d{2}(:\d{2})?$/.test(start) ? start : '00:00:00'}`);
  return Number.isNaN(time) ? Number.POSITIVE_INFINITY : time;
}

/**
 * Requests that became due in (since, now], free or held by this agent. `since` null = first look:
 * everything already due counts.
 */
export function dueCallbacks(
  lists: Record<string, CallbackListView>,
  now: number,
  since: number | null,
  agentId: number | null,
): CallbackRequestView[] {
  const due: CallbackRequestView[] = [];
  for (const list of Object.values(lists)) {
    for (const request of list.requests) {
      if (request.agentId !== null && request.agentId !== agentId) continue;
      const at = dueAt(request);
      if (at <= now && (since === null || at > since)) due.push(request);
    }
  }
  return due;
}

/** Shows each decided notification once; a click shows and focuses the app. */
export class AlertCenter {
  private readonly shown = new Set<string>();

  constructor(
    private readonly notifier: Notifier,
    private readonly shell: AppShell,
    private readonly onError: (error: unknown) => void,
  ) {}

  raise(event: AlertEvent, notifications: Settings['notifications'], t: Translate): DeskNotification | null {
    const notification = decideAlert(event, notifications, t);
    if (!notification || this.shown.has(notification.id)) return null;
    this.remember(notification.id);
    try {
      this.notifier.show(notification, () => this.shell.showWindow());
    } catch (error) {
      this.onError(error);
    }
    return notification;
  }

  /** Bounded: a long shift must not grow this forever. */
  private remember(id: string): void {
    this.shown.add(id);
    if (this.shown.size > 1000) {
      const oldest = this.shown.values().next().value;
      if (oldest !== undefined) this.shown.delete(oldest);
    }
  }
}
