import { useEffect, useRef } from 'preact/hooks';
import type { PauseReasonView } from '../../preload/contract';
import { useServices } from '../services';

/**
 * The reasons the server offers for a pause, as a short list of buttons: one click (or Enter) picks
 * one. Arrow keys move, Escape closes and gives focus back to the Pause button.
 */
export function PausePicker({
  reasons,
  onPick,
  onClose,
  disabled,
}: {
  reasons: PauseReasonView[];
  onPick: (reason: string | null) => void;
  onClose: () => void;
  disabled: boolean;
}) {
  const { i18n } = useServices();
  const t = i18n.t;
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    listRef.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    const buttons = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      buttons[(index + step + buttons.length) % buttons.length]?.focus();
    }
  };

  return (
    <div
      class="pause-picker"
      id="pause-picker"
      role="group"
      aria-label={t('home.pauseReasons')}
      ref={listRef}
      onKeyDown={onKeyDown}
    >
      {reasons.map((reason) => (
        <button
          type="button"
          key={reason.name}
          class="btn reason"
          aria-disabled={disabled}
          onClick={() => !disabled && onPick(reason.name)}
        >
          {isColour(reason.color) ? (
            <span class="reason-swatch" aria-hidden="true" style={{ backgroundColor: reason.color }} />
          ) : null}
          {reason.longName || reason.name}
        </button>
      ))}
      <button
        type="button"
        class="btn reason"
        aria-disabled={disabled}
        onClick={() => !disabled && onPick(null)}
      >
        {t('home.pauseNoReason')}
      </button>
      <button type="button" class="btn btn-quiet reason" onClick={onClose}>
        {t('common.cancel')}
      </button>
    </div>
  );
}

/** Only a plain hex colour from the server reaches a style property. */
function isColour(value: string | null): value is string {
  return value !== null && /^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(value);
}
