import { useState } from 'preact/hooks';
import type { Language, Settings, SettingsPatch, Theme } from '../../preload/contract';
import { ErrorMessage } from '../components/error-message';
import { useAction } from '../components/use-action';
import type { MessageKey } from '../i18n';
import { useServices } from '../services';
import { SHORTCUTS } from '../shortcuts';

/** The same host pattern the contract validates; checked here too for instant feedback. */
const HOST_PATTERN = /^(\*\.)?([a-z0-9-]+\.)*[a-z0-9-]+$/;

const TRIGGERS: Array<{ value: Settings['screenPop']['trigger']; label: MessageKey }> = [
  { value: 'ringing', label: 'settings.trigger.ringing' },
  { value: 'answered', label: 'settings.trigger.answered' },
  { value: 'off', label: 'settings.trigger.off' },
];
const LANGUAGES: Array<{ value: Language; label: string }> = [
  { value: 'en', label: 'English' },
  { value: 'fr', label: 'Français' },
];
const THEMES: Array<{ value: Theme; label: MessageKey }> = [
  { value: 'system', label: 'settings.theme.system' },
  { value: 'light', label: 'settings.theme.light' },
  { value: 'dark', label: 'settings.theme.dark' },
];

/** Splits the allowlist text into host patterns; returns the lines that are not valid hosts. */
export function parseAllowlist(text: string): { hosts: string[]; invalid: string[] } {
  const lines = text
    .split(/[\s,]+/)
    .map((line) => line.trim().toLowerCase())
    .filter(Boolean);
  return {
    hosts: [...new Set(lines.filter((line) => HOST_PATTERN.test(line) && line.length <= 253))],
    invalid: lines.filter((line) => !HOST_PATTERN.test(line) || line.length > 253),
  };
}

/** Every setting writes through the desk at once; the screen shows what the desk then holds. */
export function SettingsScreen() {
  const { store, i18n } = useServices();
  const t = i18n.t;
  const settings = store.slice('settings').value;
  const locked = store.slice('lockedSettings').value ?? [];
  const update = useAction();
  if (!settings) return null;
  const isLocked = (key: string) => locked.some((entry) => entry === key || key.startsWith(`${entry}.`));
  const save = (patch: SettingsPatch) => void update.run('settings:update', patch);

  return (
    <section class="screen settings" aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>
        {t('settings.title')}
      </h1>
      {update.error ? <ErrorMessage error={update.error} onDismiss={update.clearError} /> : null}

      <section class="card" aria-labelledby="settings-pop">
        <h2 id="settings-pop">{t('settings.screenPop')}</h2>
        <p class="hint">{t('settings.screenPopHint')}</p>
        <div class="field">
          <label for="pop-trigger">{t('settings.trigger')}</label>
          <select
            id="pop-trigger"
            class="input"
            value={settings.screenPop.trigger}
            disabled={isLocked('screenPop.trigger')}
            onChange={(event) =>
              save({
                screenPop: {
                  trigger: (event.target as HTMLSelectElement).value as Settings['screenPop']['trigger'],
                },
              })
            }
          >
            {TRIGGERS.map((trigger) => (
              <option key={trigger.value} value={trigger.value}>
                {t(trigger.label)}
              </option>
            ))}
          </select>
        </div>
        <AllowlistEditor
          allowlist={settings.screenPop.allowlist}
          locked={isLocked('screenPop.allowlist')}
          onSave={(allowlist) => update.run('settings:update', { screenPop: { allowlist } })}
        />
        <Toggle
          id="pop-http"
          label={t('settings.allowHttp')}
          checked={settings.screenPop.allowHttp}
          locked={isLocked('screenPop.allowHttp')}
          onChange={(allowHttp) => save({ screenPop: { allowHttp } })}
        />
      </section>

      <section class="card" aria-labelledby="settings-notify">
        <h2 id="settings-notify">{t('settings.notifications')}</h2>
        <Toggle
          id="notify-enabled"
          label={t('settings.notificationsEnabled')}
          checked={settings.notifications.enabled}
          locked={isLocked('notifications.enabled')}
          onChange={(enabled) => save({ notifications: { enabled } })}
        />
        <Toggle
          id="notify-dnd"
          label={t('settings.doNotDisturb')}
          hint={t('settings.doNotDisturbHint')}
          checked={settings.notifications.doNotDisturb}
          locked={isLocked('notifications.doNotDisturb')}
          onChange={(doNotDisturb) => save({ notifications: { doNotDisturb } })}
        />
      </section>

      <section class="card" aria-labelledby="settings-start">
        <h2 id="settings-start">{t('settings.startup')}</h2>
        <Toggle
          id="start-login"
          label={t('settings.startAtLogin')}
          checked={settings.startAtLogin}
          locked={isLocked('startAtLogin')}
          onChange={(startAtLogin) => save({ startAtLogin })}
        />
        <Toggle
          id="start-hidden"
          label={t('settings.startHidden')}
          checked={settings.startHidden}
          locked={isLocked('startHidden')}
          onChange={(startHidden) => save({ startHidden })}
        />
      </section>

      <section class="card" aria-labelledby="settings-look">
        <h2 id="settings-look">{t('settings.appearance')}</h2>
        <div class="field-row">
          <div class="field">
            <label for="language">{t('settings.language')}</label>
            <select
              id="language"
              class="input"
              value={settings.language}
              disabled={isLocked('language')}
              onChange={(event) => save({ language: (event.target as HTMLSelectElement).value as Language })}
            >
              {LANGUAGES.map((language) => (
                <option key={language.value} value={language.value} lang={language.value}>
                  {language.label}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="theme">{t('settings.theme')}</label>
            <select
              id="theme"
              class="input"
              value={settings.theme}
              disabled={isLocked('theme')}
              onChange={(event) => save({ theme: (event.target as HTMLSelectElement).value as Theme })}
            >
              {THEMES.map((theme) => (
                <option key={theme.value} value={theme.value}>
                  {t(theme.label)}
                </option>
              ))}
            </select>
          </div>
        </div>
      </section>

      <section class="card" aria-labelledby="settings-keys">
        <h2 id="settings-keys">{t('settings.shortcuts')}</h2>
        <dl class="shortcut-list">
          <div>
            <dt>
              <kbd>{SHORTCUTS.ready.label}</kbd>
            </dt>
            <dd>{t('settings.shortcutReady')}</dd>
          </div>
          <div>
            <dt>
              <kbd>{SHORTCUTS.pause.label}</kbd>
            </dt>
            <dd>{t('settings.shortcutPause')}</dd>
          </div>
          <div>
            <dt>
              <kbd>Alt+1</kbd> … <kbd>Alt+6</kbd>
            </dt>
            <dd>{t('settings.shortcutScreens')}</dd>
          </div>
          <div>
            <dt>
              <kbd>{settings.shortcuts.togglePause}</kbd>
            </dt>
            <dd>{t('settings.shortcutGlobalPause')}</dd>
          </div>
        </dl>
      </section>

      <Diagnostics />
      {locked.length > 0 ? <p class="hint">{t('settings.lockedHint')}</p> : null}
    </section>
  );
}

function Toggle({
  id,
  label,
  hint,
  checked,
  locked,
  onChange,
}: {
  id: string;
  label: string;
  hint?: string;
  checked: boolean;
  locked: boolean;
  onChange: (value: boolean) => void;
}) {
  const t = useServices().i18n.t;
  return (
    <div class="toggle">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={locked}
        aria-describedby={hint || locked ? `${id}-hint` : undefined}
        onChange={(event) => {
          const wanted = (event.target as HTMLInputElement).checked;
          // Show the desk's value until it confirms: the snapshot, not the click, sets the box.
          (event.target as HTMLInputElement).checked = checked;
          onChange(wanted);
        }}
      />
      <label for={id}>{label}</label>
      {hint || locked ? (
        <p class="hint" id={`${id}-hint`}>
          {[hint, locked ? t('settings.locked') : null].filter(Boolean).join(' ')}
        </p>
      ) : null}
    </div>
  );
}

function AllowlistEditor({
  allowlist,
  locked,
  onSave,
}: {
  allowlist: string[];
  locked: boolean;
  onSave: (hosts: string[]) => Promise<unknown>;
}) {
  const t = useServices().i18n.t;
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? allowlist.join('\n');
  const { hosts, invalid } = parseAllowlist(text);
  const save = async (event: Event) => {
    event.preventDefault();
    if (invalid.length > 0) return;
    await onSave(hosts);
    setDraft(null);
  };
  return (
    <form class="field" onSubmit={save}>
      <label for="pop-allowlist">{t('settings.allowlist')}</label>
      <p class="hint" id="pop-allowlist-hint">
        {t('settings.allowlistHint')}
      </p>
      <textarea
        id="pop-allowlist"
        class="input mono"
        rows={4}
        value={text}
        disabled={locked}
        aria-describedby="pop-allowlist-hint"
        aria-invalid={invalid.length > 0}
        onInput={(event) => setDraft((event.target as HTMLTextAreaElement).value)}
      />
      {invalid.length > 0 ? (
        <p class="error-text" role="alert">
          {t('settings.allowlistInvalid', { hosts: invalid.join(', ') })}
        </p>
      ) : null}
      <div class="button-row">
        <button type="submit" class="btn" disabled={locked || draft === null || invalid.length > 0}>
          {t('settings.saveAllowlist')}
        </button>
      </div>
    </form>
  );
}

function Diagnostics() {
  const { copyText, i18n } = useServices();
  const t = i18n.t;
  const logs = useAction();
  const copy = useAction();
  const [copied, setCopied] = useState(false);
  const copyDetails = async () => {
    setCopied(false);
    const result = await copy.run('diagnostics:copy', {});
    if (!result.ok) return;
    await copyText(result.value);
    setCopied(true);
  };
  return (
    <section class="card" aria-labelledby="settings-diag">
      <h2 id="settings-diag">{t('settings.diagnostics')}</h2>
      <p class="hint">{t('settings.diagnosticsHint')}</p>
      <div class="button-row">
        <button
          type="button"
          class="btn"
          disabled={logs.busy}
          onClick={() => logs.run('diagnostics:openLogs', {})}
        >
          {t('settings.openLogs')}
        </button>
        <button type="button" class="btn" disabled={copy.busy} onClick={copyDetails}>
          {t('settings.copyDetails')}
        </button>
        <span role="status" class="muted">
          {copied ? t('settings.copied') : ''}
        </span>
      </div>
      {logs.error ? <ErrorMessage error={logs.error} onDismiss={logs.clearError} /> : null}
      {copy.error ? <ErrorMessage error={copy.error} onDismiss={copy.clearError} /> : null}
    </section>
  );
}
