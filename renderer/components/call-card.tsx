import type { CallView, SheetFieldView } from '../../preload/contract';
import { formatDuration } from '../format';
import type { MessageKey } from '../i18n';
import { isPending, queueLabel, readableSheet } from '../store/selectors';
import { useServices } from '../services';
import { ErrorMessage } from './error-message';
import { popReason } from '../i18n';
import { StatePill } from './state-pill';
import { useAction } from './use-action';

const PHASE: Record<CallView['phase'], { label: MessageKey; tone: 'oncall' | 'wrapup' }> = {
  ringing: { label: 'call.phase.ringing', tone: 'oncall' },
  dialing: { label: 'call.phase.dialing', tone: 'oncall' },
  'on-call': { label: 'call.phase.onCall', tone: 'oncall' },
  wrapup: { label: 'call.phase.wrapup', tone: 'wrapup' },
};

/** The current call: who, from which queue, how long, recording, and the customer's Sheet. */
export function CallCard({ call }: { call: CallView }) {
  const { store, now, i18n } = useServices();
  const t = i18n.t;
  const pending = store.slice('pending').value;
  const queues = store.slice('queues').value ?? {};
  const action = useAction();
  const recording = useAction();
  const pop = useAction();
  const phase = PHASE[call.phase];
  const queue = call.queueId !== null ? queues[String(call.queueId)] : undefined;
  // The queue's display name when the desk knows the queue; the server's name otherwise.
  const queueName = queue ? queueLabel(queue) : call.queueName;
  const talkStart = call.answeredAt ?? call.startedAt;
  const sheet = readableSheet(call.sheet);
  const recordingBusy = isPending(pending, 'recording:pause', 'recording:resume') || recording.busy;

  return (
    <section class="card call-card" aria-labelledby="call-title" data-testid="call-card">
      <header class="card-header">
        <h2 id="call-title">
          {t(call.direction === 'Outgoing' ? 'call.titleOutgoing' : 'call.titleIncoming')}
        </h2>
        <StatePill tone={phase.tone} label={t(phase.label)} />
      </header>
      <p class="caller">
        <span class="caller-name">{call.callerName || t('call.unknownCaller')}</span>
        {call.callerNumber ? <span class="caller-number">{call.callerNumber}</span> : null}
      </p>
      <dl class="facts">
        <div>
          <dt>{t('call.queue')}</dt>
          <dd>{queueName ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('call.direction')}</dt>
          <dd>
            {t(
              call.direction === 'Outgoing'
                ? 'call.outgoing'
                : call.direction === 'Incoming'
                  ? 'call.incoming'
                  : 'call.unknownDirection',
            )}
          </dd>
        </div>
        <div>
          <dt>{call.phase === 'ringing' ? t('call.ringingFor') : t('call.duration')}</dt>
          <dd class="mono" data-testid="call-duration">
            {formatDuration(
              (call.phase === 'wrapup' && call.wrapupAt ? call.wrapupAt : now.value) - talkStart,
            )}
          </dd>
        </div>
        <div>
          <dt>{t('call.recording')}</dt>
          <dd>
            {t(
              call.monitorState === 'ACTIVE'
                ? 'call.recordingOn'
                : call.monitorState === 'PAUSED'
                  ? 'call.recordingPaused'
                  : 'call.recordingNone',
            )}
          </dd>
        </div>
      </dl>
      {call.phase === 'wrapup' && call.wrapupAt !== null ? (
        <p class="wrapup-line" data-testid="wrapup">
          {t('call.wrapupFor', { duration: formatDuration(now.value - call.wrapupAt) })}
        </p>
      ) : null}

      <div class="button-row">
        {call.phase === 'ringing' && call.direction !== 'Outgoing' ? (
          <button
            type="button"
            class="btn btn-primary"
            disabled={action.busy}
            onClick={() => action.run('call:answer', {})}
          >
            {t('call.answer')}
          </button>
        ) : null}
        {call.phase !== 'wrapup' ? (
          <button
            type="button"
            class="btn btn-danger"
            disabled={action.busy}
            onClick={() => action.run('call:hangup', {})}
          >
            {t('call.hangup')}
          </button>
        ) : null}
        {/* Recording can be paused only on a call a queue gave the agent (agent-api.md). */}
        {call.acd && call.phase === 'on-call' && call.monitorState === 'ACTIVE' ? (
          <button
            type="button"
            class="btn"
            disabled={recordingBusy}
            onClick={() => recording.run('recording:pause', {})}
          >
            {t('call.pauseRecording')}
          </button>
        ) : null}
        {call.acd && call.phase === 'on-call' && call.monitorState === 'PAUSED' ? (
          <button
            type="button"
            class="btn"
            disabled={recordingBusy}
            onClick={() => recording.run('recording:resume', {})}
          >
            {t('call.resumeRecording')}
          </button>
        ) : null}
        {isPending(pending, 'recording:pause', 'recording:resume') ? (
          <span class="pending-mark">{t('common.sending')}</span>
        ) : null}
      </div>

      {sheet.length > 0 ? (
        <section class="sheet" aria-labelledby="sheet-title">
          <h3 id="sheet-title">{t('call.sheet')}</h3>
          <dl class="sheet-fields" data-testid="sheet-fields">
            {sheet.map((field, index) => (
              <SheetField
                key={`${index}:${field.name}`}
                field={field}
                busy={pop.busy}
                onOpen={() =>
                  // popupUrl is the screen pop itself: open the built page (with its folder).
                  field.name === 'popupUrl'
                    ? pop.run('call:reopenScreenPop', {})
                    : pop.run('call:openSheetLink', { name: field.name })
                }
              />
            ))}
          </dl>
        </section>
      ) : null}

      <ScreenPopLine call={call} onReopen={() => pop.run('call:reopenScreenPop', {})} busy={pop.busy} />
      {[action, recording, pop].map((used, index) =>
        used.error ? <ErrorMessage key={index} error={used.error} onDismiss={used.clearError} /> : null,
      )}
    </section>
  );
}

function SheetField({
  field,
  busy,
  onOpen,
}: {
  field: SheetFieldView & { label: string };
  busy: boolean;
  onOpen: () => void;
}) {
  const t = useServices().i18n.t;
  return (
    <div class={`sheet-field sheet-${field.type}`}>
      <dt>{field.label}</dt>
      {field.type === 'url' ? (
        <dd class="mono url">
          {/* The page never follows a link: the desk opens it, behind the screen-pop policy. */}
          <button
            type="button"
            class="link-button"
            disabled={busy}
            onClick={onOpen}
            title={t('call.openLink')}
          >
            {field.value}
          </button>
        </dd>
      ) : (
        <dd>{field.value}</dd>
      )}
    </div>
  );
}

function ScreenPopLine({ call, onReopen, busy }: { call: CallView; onReopen: () => void; busy: boolean }) {
  const t = useServices().i18n.t;
  const pop = call.screenPop;
  const hasUrl = pop.status !== 'none' || call.sheet.some((field) => field.type === 'url');
  if (!hasUrl) return null;
  return (
    <div class="screen-pop">
      <p class="screen-pop-status" data-testid="screen-pop-status">
        {pop.status === 'opened'
          ? t('call.pop.opened')
          : pop.status === 'refused'
            ? t('call.pop.refused', { reason: popReason(t, pop.reason) })
            : pop.status === 'waiting'
              ? t('call.pop.waiting')
              : t('call.pop.none')}
      </p>
      <button type="button" class="btn" disabled={busy} onClick={onReopen}>
        {t('call.reopen')}
      </button>
    </div>
  );
}
