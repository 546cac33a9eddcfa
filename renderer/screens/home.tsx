import { useState } from 'preact/hooks';
import type { AgentView, DeskError, PauseReasonView } from '../../preload/contract';
import { CallCard } from '../components/call-card';
import { ErrorMessage } from '../components/error-message';
import { PausePicker } from '../components/pause-picker';
import { useAction } from '../components/use-action';
import { formatDuration } from '../format';
import type { Translate } from '../i18n';
import { isPending } from '../store/selectors';
import { useServices } from '../services';
import { STATE_VIEW } from '../state-view';
import { SHORTCUTS } from '../shortcuts';

/** The pause reason the server named, by its long name when the server gave one. */
export function pauseLabel(t: Translate, agent: AgentView, reasons: PauseReasonView[]): string {
  const view = STATE_VIEW[agent.state];
  if (agent.state !== 'AgentOnPause' || !agent.cause) return t(view.label);
  const reason = reasons.find((r) => r.name === agent.cause);
  return t('state.pausedWith', { reason: reason?.longName || agent.cause });
}

/** The agent's own desk: state first and largest, then the actions, then the call. */
export function HomeScreen() {
  const { store, now, ui, i18n } = useServices();
  const t = i18n.t;
  const agent = store.slice('agent').value ?? null;
  const user = store.slice('user').value ?? null;
  const call = store.slice('call').value ?? null;
  const pending = store.slice('pending').value;
  const reasons = (store.slice('pauseReasons').value ?? []).filter((r) => r.kind === 'pause');
  const settings = store.slice('settings').value;
  const action = useAction();
  const [dismissedElsewhere, setDismissedElsewhere] = useState<string | null>(null);

  if (!agent) {
    return (
      <section class="screen" aria-labelledby="screen-title">
        <h1 id="screen-title" tabIndex={-1}>
          {t('home.title')}
        </h1>
        <p class="empty">{user?.agentId === null ? t('home.noAgent') : t('home.waitingForAgent')}</p>
      </section>
    );
  }

  const view = STATE_VIEW[agent.state];
  const elsewhere = anotherPhone(agent, settings?.phoneNumber);
  const elsewhereKey = `${agent.phoneNb}>${settings?.phoneNumber}`;
  const stateBusy = isPending(pending, 'agent:pause', 'agent:unpause', 'agent:login', 'agent:logout');
  // Held, not disabled: a disabled button drops keyboard focus, and the agent loses their place.
  const held = action.busy || stateBusy;
  const unlessHeld = (run: () => unknown) => () => {
    if (!held) void run();
  };
  const loggedOut = agent.state === 'AgentLoggedOut';
  const pickerOpen = ui.pausePickerOpen.value && !loggedOut;
  const closePicker = () => {
    ui.pausePickerOpen.value = false;
    document.getElementById('pause-button')?.focus();
  };
  const pause = async (reason: string | null) => {
    ui.pausePickerOpen.value = false;
    document.getElementById('pause-button')?.focus();
    await action.run('agent:pause', { reason });
  };
  const openPicker = () => {
    if (reasons.length === 0) void action.run('agent:pause', { reason: null });
    else ui.pausePickerOpen.value = !ui.pausePickerOpen.peek();
  };

  return (
    <section class="screen home" aria-labelledby="screen-title">
      <h1 id="screen-title" class="sr-only" tabIndex={-1}>
        {t('home.title')}
      </h1>
      <div class={`state-panel tone-${view.tone}`} data-testid="agent-state" data-state={agent.state}>
        <p class="state-caption">{t('home.yourState')}</p>
        <p class="state-label">
          <span class="dot" aria-hidden="true" />
          <span>{pauseLabel(t, agent, store.slice('pauseReasons').value ?? [])}</span>
        </p>
        <p class="state-time">
          {t('home.timeInState')}{' '}
          <time class="mono" data-testid="time-in-state">
            {formatDuration(now.value - agent.since)}
          </time>
        </p>
        {stateBusy ? (
          <p class="pending-mark" data-testid="pending">
            {t('home.pending')}
          </p>
        ) : null}
      </div>

      <div class="button-row state-actions">
        {loggedOut ? (
          <button
            type="button"
            class="btn btn-primary btn-large"
            aria-disabled={held}
            onClick={unlessHeld(() =>
              action.run('agent:login', settings?.phoneNumber ? { phoneNumber: settings.phoneNumber } : {}),
            )}
          >
            {t('home.login', { phone: settings?.phoneNumber || agent.phoneNb || '' })}
          </button>
        ) : (
          <>
            <button
              type="button"
              class="btn btn-ready btn-large"
              aria-disabled={held || agent.state === 'AgentReady'}
              aria-keyshortcuts={SHORTCUTS.ready.aria}
              onClick={unlessHeld(() => agent.state !== 'AgentReady' && action.run('agent:unpause', {}))}
            >
              {t('home.ready')} <kbd>{SHORTCUTS.ready.label}</kbd>
            </button>
            <button
              type="button"
              id="pause-button"
              class="btn btn-pause btn-large"
              aria-disabled={held}
              aria-expanded={reasons.length > 0 ? pickerOpen : undefined}
              aria-controls={reasons.length > 0 ? 'pause-picker' : undefined}
              aria-keyshortcuts={SHORTCUTS.pause.aria}
              onClick={unlessHeld(openPicker)}
            >
              {t(agent.state === 'AgentOnPause' ? 'home.changePause' : 'home.pause')}{' '}
              <kbd>{SHORTCUTS.pause.label}</kbd>
            </button>
            <button
              type="button"
              class="btn btn-quiet"
              aria-disabled={held}
              onClick={unlessHeld(() => action.run('agent:logout', {}))}
            >
              {t('home.logout')}
            </button>
          </>
        )}
      </div>
      {pickerOpen ? (
        <PausePicker
          reasons={reasons}
          onPick={pause}
          onClose={closePicker}
          disabled={action.busy || stateBusy}
        />
      ) : null}
      {action.error ? (
        <ErrorMessage error={action.error} onDismiss={action.clearError} />
      ) : elsewhere && dismissedElsewhere !== elsewhereKey ? (
        <ErrorMessage error={elsewhere} onDismiss={() => setDismissedElsewhere(elsewhereKey)} />
      ) : null}

      {call ? (
        <CallCard call={call} />
      ) : (
        <p class="empty no-call" data-testid="no-call">
          {t('home.noCall')}
        </p>
      )}
    </section>
  );
}

/**
 * The agent is logged in on another phone than the line this user signed in with (the server keeps
 * the agent where it was: agent-api.md). Said as the LoggedInOnAnotherPhone error, with its choices,
 * whether it came back from a command or was found on arrival.
 */
export function anotherPhone(agent: AgentView, line: string | undefined): DeskError | null {
  if (agent.state === 'AgentLoggedOut' || !agent.phoneNb || !line || agent.phoneNb === line) return null;
  return {
    code: 'agent-error',
    message: 'LoggedInOnAnotherPhone',
    details: { error: 'LoggedInOnAnotherPhone', phoneNb: agent.phoneNb, requestedNb: line },
  };
}
