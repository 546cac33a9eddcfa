import type { DeskError } from '../../preload/contract';
import { anotherPhoneNumbers, describeError, isLoggedInOnAnotherPhone } from '../errors';
import { useT } from '../services';
import { useAction } from './use-action';

/**
 * An error in plain words. LoggedInOnAnotherPhone also offers the agent's two ways out: keep the
 * line the agent is on, or log out there and log in on the requested line.
 */
export function ErrorMessage({ error, onDismiss }: { error: DeskError; onDismiss?: () => void }) {
  const t = useT();
  const { key, params } = describeError(error);
  return (
    <div class="error-box" role="alert">
      <p>{t(key, params)}</p>
      {isLoggedInOnAnotherPhone(error) ? <AnotherPhoneChoices error={error} onDone={onDismiss} /> : null}
      {onDismiss && !isLoggedInOnAnotherPhone(error) ? (
        <button type="button" class="btn btn-quiet btn-small" onClick={onDismiss}>
          {t('common.dismiss')}
        </button>
      ) : null}
    </div>
  );
}

function AnotherPhoneChoices({ error, onDone }: { error: DeskError; onDone?: () => void }) {
  const t = useT();
  const { phoneNb, requestedNb } = anotherPhoneNumbers(error);
  const move = useAction();
  const moveHere = async () => {
    const out = await move.run('agent:logout', {});
    if (!out.ok) return;
    const back = await move.run('agent:login', { phoneNumber: requestedNb });
    if (back.ok) onDone?.();
  };
  return (
    <div class="choices">
      <button type="button" class="btn" onClick={() => onDone?.()}>
        {t('anotherPhone.stay', { phoneNb })}
      </button>
      {requestedNb !== '?' ? (
        <button type="button" class="btn btn-primary" disabled={move.busy} onClick={moveHere}>
          {t('anotherPhone.move', { requestedNb })}
        </button>
      ) : null}
      {move.error ? (
        <p class="error-text">{t(describeError(move.error).key, describeError(move.error).params)}</p>
      ) : null}
    </div>
  );
}
