/**
 * The notifier port through Electron's `Notification`. The desk's alert policy decides what to say;
 * this adapter maps its kind to native options and wires the click (the desk's callback shows and
 * focuses the window). A notification with an id already on screen replaces it, never duplicates.
 * Live notifications are kept referenced, or Electron may collect them and lose their click handler.
 */
import type { DeskNotification, Notifier } from '../desk/ports';

export interface NotificationOptionsLike {
  title: string;
  body: string;
  silent?: boolean;
  urgency?: 'normal' | 'critical' | 'low';
  timeoutType?: 'default' | 'never';
  icon?: string;
}

export interface NotificationLike {
  show(): void;
  close(): void;
  on(event: 'click' | 'close' | 'failed', listener: () => void): unknown;
}

export interface NotificationDeps {
  Notification: { new (options: NotificationOptionsLike): NotificationLike; isSupported(): boolean };
}

/** Native options for one desk notification. An incoming call stays until dealt with. Pure. */
export function notificationOptions(
  notification: DeskNotification,
  iconPath?: string,
): NotificationOptionsLike {
  const urgent = notification.kind === 'incoming-call' || notification.kind === 'connection-lost';
  return {
    title: notification.title,
    body: notification.body,
    silent: !urgent,
    urgency: urgent ? 'critical' : 'normal',
    timeoutType: notification.kind === 'incoming-call' ? 'never' : 'default',
    ...(iconPath ? { icon: iconPath } : {}),
  };
}

export interface NotifierOptions {
  iconPath?: string;
  logger: { warn(message: string, fields?: Record<string, unknown>): void };
}

export function createNotifier(
  deps: NotificationDeps,
  options: NotifierOptions,
): Notifier & { open(): number } {
  const live = new Map<string, NotificationLike>();
  let warned = false;

  return {
    /** How many notifications are on screen (for tests and diagnostics). */
    open: () => live.size,
    show(notification, onClick) {
      if (!deps.Notification.isSupported()) {
        if (!warned) options.logger.warn('Native notifications are not supported on this system');
        warned = true;
        return;
      }
      live.get(notification.id)?.close();
      const native = new deps.Notification(notificationOptions(notification, options.iconPath));
      const forget = () => {
        if (live.get(notification.id) === native) live.delete(notification.id);
      };
      native.on('click', () => {
        forget();
        onClick();
      });
      native.on('close', forget);
      native.on('failed', () => {
        forget();
        options.logger.warn('A notification could not be shown', { kind: notification.kind });
      });
      live.set(notification.id, native);
      native.show();
    },
  };
}
