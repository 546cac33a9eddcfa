import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { offlineReason } from '../components/connection-banner';
import { ErrorMessage } from '../components/error-message';
import { useAction } from '../components/use-action';
import { useServices } from '../services';

const PHONE = /^[0-9*#+]{1,32}$/;
const SERVER = /^https?:\/\/[^\s/?#]+(:\d+)?\/?$/i;

/**
 * Server (or the practice server), login, password, phone. The desk remembers everything but the
 * password, and the password too only when the agent ticks the box.
 */
export function SignInScreen() {
  const { store, i18n } = useServices();
  const t = i18n.t;
  const settings = store.slice('settings').value;
  const connection = store.slice('connection').value;
  const [usePractice, setUsePractice] = useState((settings?.serverUrl ?? '') === '');
  const [serverUrl, setServerUrl] = useState(settings?.serverUrl ?? '');
  const [login, setLogin] = useState(settings?.login ?? '');
  const [password, setPassword] = useState('');
  const [phoneNumber, setPhoneNumber] = useState(settings?.phoneNumber ?? '');
  const [rememberPassword, setRememberPassword] = useState(settings?.rememberPassword ?? false);
  const [tried, setTried] = useState(false);
  const signIn = useAction();

  const problems = {
    server: !usePractice && !SERVER.test(serverUrl.trim()),
    login: login.trim() === '',
    password: password === '',
    phone: !PHONE.test(phoneNumber.trim()),
  };
  const valid = !Object.values(problems).some(Boolean);
  const connecting = connection?.state === 'connecting' || signIn.busy;

  const submit = async (event: Event) => {
    event.preventDefault();
    setTried(true);
    if (!valid) {
      const ids = {
        server: 'signin-server',
        login: 'signin-login',
        password: 'signin-password',
        phone: 'signin-phone',
      };
      const first = (Object.keys(ids) as Array<keyof typeof ids>).find((field) => problems[field]);
      if (first) document.getElementById(ids[first])?.focus();
      return;
    }
    await signIn.run('session:signIn', {
      serverUrl: usePractice ? '' : serverUrl.trim(),
      login: login.trim(),
      password,
      phoneNumber: phoneNumber.trim(),
      rememberPassword,
    });
  };

  // Why the last attempt ended, when the desk gave up on its own (e.g. a stored password was refused).
  const lastFailure =
    !signIn.busy && !signIn.error && connection?.state === 'offline' && connection.reason !== 'closed'
      ? offlineReason(t, connection.reason)
      : null;

  return (
    <main class="signin" id="main">
      <div class="signin-card card">
        <p class="brand-mark" aria-hidden="true">
          AD
        </p>
        <h1>{t('app.name')}</h1>
        <p class="muted">{t('signIn.subtitle')}</p>
        <form onSubmit={submit} noValidate aria-describedby="signin-remember-note">
          <fieldset class="server-choice">
            <legend>{t('signIn.server')}</legend>
            <label class="choice">
              <input type="radio" name="server" checked={usePractice} onChange={() => setUsePractice(true)} />
              {t('signIn.practiceServer')}
            </label>
            <label class="choice">
              <input
                type="radio"
                name="server"
                checked={!usePractice}
                onChange={() => setUsePractice(false)}
              />
              {t('signIn.companyServer')}
            </label>
            {!usePractice ? (
              <Field
                id="signin-server"
                label={t('signIn.serverUrl')}
                error={tried && problems.server ? t('signIn.serverInvalid') : null}
              >
                <input
                  id="signin-server"
                  class="input"
                  type="url"
                  inputMode="url"
                  autoComplete="url"
                  placeholder="https://xuc.example.com:8443"
                  value={serverUrl}
                  aria-invalid={tried && problems.server}
                  aria-describedby={tried && problems.server ? 'signin-server-error' : undefined}
                  onInput={(event) => setServerUrl((event.target as HTMLInputElement).value)}
                />
              </Field>
            ) : (
              <p class="hint">{t('signIn.practiceHint')}</p>
            )}
          </fieldset>
          <Field
            id="signin-login"
            label={t('signIn.login')}
            error={tried && problems.login ? t('signIn.required') : null}
          >
            <input
              id="signin-login"
              class="input"
              autoComplete="username"
              value={login}
              aria-invalid={tried && problems.login}
              aria-describedby={tried && problems.login ? 'signin-login-error' : undefined}
              onInput={(event) => setLogin((event.target as HTMLInputElement).value)}
            />
          </Field>
          <Field
            id="signin-password"
            label={t('signIn.password')}
            error={tried && problems.password ? t('signIn.required') : null}
          >
            <input
              id="signin-password"
              class="input"
              type="password"
              autoComplete="current-password"
              value={password}
              aria-invalid={tried && problems.password}
              aria-describedby={tried && problems.password ? 'signin-password-error' : undefined}
              onInput={(event) => setPassword((event.target as HTMLInputElement).value)}
            />
          </Field>
          <Field
            id="signin-phone"
            label={t('signIn.phone')}
            error={tried && problems.phone ? t('signIn.phoneInvalid') : null}
          >
            <input
              id="signin-phone"
              class="input"
              inputMode="tel"
              autoComplete="tel"
              value={phoneNumber}
              aria-invalid={tried && problems.phone}
              aria-describedby={tried && problems.phone ? 'signin-phone-error' : 'signin-phone-hint'}
              onInput={(event) => setPhoneNumber((event.target as HTMLInputElement).value)}
            />
          </Field>
          <p class="hint" id="signin-phone-hint">
            {t('signIn.phoneHint')}
          </p>
          <div class="toggle">
            <input
              id="signin-remember"
              type="checkbox"
              checked={rememberPassword}
              onChange={(event) => setRememberPassword((event.target as HTMLInputElement).checked)}
            />
            <label for="signin-remember">{t('signIn.rememberPassword')}</label>
          </div>
          <p class="hint" id="signin-remember-note">
            {t('signIn.rememberNote')}
          </p>
          {signIn.error ? (
            <ErrorMessage error={signIn.error} />
          ) : lastFailure ? (
            <div class="error-box" role="alert">
              <p>{lastFailure}</p>
            </div>
          ) : null}
          <button type="submit" class="btn btn-primary btn-block" disabled={connecting}>
            {connecting ? t('signIn.signingIn') : t('signIn.submit')}
          </button>
        </form>
      </div>
    </main>
  );
}

function Field({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error: string | null;
  children: ComponentChildren;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {error ? (
        <p class="error-text" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
