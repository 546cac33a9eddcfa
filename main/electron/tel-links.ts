/**
 * A `tel:`/`callto:` link handed to the app (second launch, macOS `open-url`, first launch argv):
 * parse it (`main/desk/tel-link.ts`), ask the agent to confirm the first time, then dial as the
 * desk's plan says. The confirmation is a native dialog in the host rather than a notice in the
 * window: it must work while the window is hidden in the tray, and it cannot be clicked by the page.
 * Once the agent has confirmed a link, later links dial at once (remembered in host-state.json).
 */
import { parseTelLink, telDialPlan, type TelDialPlan } from '../desk/tel-link';
import type { DeskSnapshot } from '../../preload/contract';
import type { MessageKey, Translate } from '../../shared/i18n';

export type TelLinkOutcome =
  | { outcome: 'dialled'; plan: Exclude<TelDialPlan, { kind: 'refuse' }> }
  | { outcome: 'refused'; reason: string }
  | { outcome: 'cancelled' }
  | { outcome: 'failed'; message: string };

export interface TelLinkDeps {
  snapshot: () => Pick<DeskSnapshot, 'connection' | 'user' | 'agent'>;
  /** Asks the agent; resolves true to call. */
  confirm: (number: string) => Promise<boolean>;
  /** Tells the agent why nothing happened. */
  inform: (message: string) => void;
  /** The words in the agent's language at this moment. */
  t: () => Translate;
  isConfirmed: () => boolean;
  rememberConfirmed: () => Promise<void>;
  /** Carries the plan out through the desk; resolves with an error message, or null on success. */
  dial: (plan: Exclude<TelDialPlan, { kind: 'refuse' }>) => Promise<string | null>;
  logger: {
    info(message: string, fields?: Record<string, unknown>): void;
    warn(message: string, fields?: Record<string, unknown>): void;
  };
}

const REASONS: Record<string, MessageKey> = {
  'not-connected': 'telLink.notConnected',
};

export function createTelLinkHandler(deps: TelLinkDeps) {
  let busy = false;
  return async function handleTelLink(raw: string): Promise<TelLinkOutcome> {
    const parsed = parseTelLink(raw);
    if (!parsed.ok) {
      deps.logger.warn('Refused a phone link', { reason: parsed.reason });
      deps.inform(deps.t()('telLink.badLink', { reason: parsed.reason }));
      return { outcome: 'refused', reason: parsed.reason };
    }
    // Two links in quick succession must not stack two dialogs or two calls.
    if (busy) return { outcome: 'refused', reason: 'busy' };
    busy = true;
    try {
      if (!deps.isConfirmed()) {
        if (!(await deps.confirm(parsed.number))) return { outcome: 'cancelled' };
        await deps.rememberConfirmed();
      }
      const plan = telDialPlan(deps.snapshot(), parsed.number);
      if (plan.kind === 'refuse') {
        const key = REASONS[plan.reason];
        const reason = key ? deps.t()(key) : plan.reason;
        deps.inform(deps.t()('telLink.notDialled', { number: parsed.number, reason }));
        return { outcome: 'refused', reason: plan.reason };
      }
      const error = await deps.dial(plan);
      if (error !== null) {
        deps.inform(deps.t()('telLink.notDialled', { number: parsed.number, reason: error }));
        return { outcome: 'failed', message: error };
      }
      deps.logger.info('Dialled from a phone link', { kind: plan.kind });
      return { outcome: 'dialled', plan };
    } finally {
      busy = false;
    }
  };
}

/** The bridge command that carries out a dial plan, so it is validated and marked pending like a click. */
export function dialCommand(plan: Exclude<TelDialPlan, { kind: 'refuse' }>) {
  return plan.kind === 'dialFromQueue'
    ? {
        command: 'call:dialFromQueue' as const,
        request: { destination: plan.destination, queueId: plan.queueId },
      }
    : { command: 'call:dial' as const, request: { destination: plan.destination } };
}

/** The native dialog's options for the first confirmation, in the agent's language. Pure. */
export function confirmDialogOptions(number: string, t: Translate) {
  return {
    type: 'question' as const,
    buttons: [t('telLink.call'), t('telLink.cancel')],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
    title: t('app.name'),
    message: t('telLink.confirm', { number }),
    detail: t('telLink.confirmDetail'),
  };
}

/** The native dialog's options for telling the agent why a link did nothing. Pure. */
export function informDialogOptions(message: string, t: Translate) {
  return { type: 'warning' as const, title: t('app.name'), message, buttons: [t('dialog.ok')] };
}
