import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { AgentView, ConnectionView, DeskSnapshot } from '../preload/contract';
import { ConnectionBanner } from './components/connection-banner';
import { LiveRegion } from './components/live-region';
import { Notices } from './components/notices';
import { TrayStatus } from './components/tray-status';
import { useAction } from './components/use-action';
import type { MessageKey } from './i18n';
import { CallbacksScreen } from './screens/callbacks';
import { HomeScreen, pauseLabel } from './screens/home';
import { QueuesScreen } from './screens/queues';
import { SettingsScreen } from './screens/settings';
import { SignInScreen } from './screens/sign-in';
import { StatisticsScreen } from './screens/statistics';
import { SupervisorScreen } from './screens/supervisor';
import { ServicesContext, useServices, type Services } from './services';
import { shortcutFor } from './shortcuts';
import { canSupervise } from './store/selectors';
import type { Screen } from './store/ui-state';

const SCREEN_VIEW: Record<Screen, { label: MessageKey; render: () => JSX.Element | null }> = {
  home: { label: 'nav.home', render: () => <HomeScreen /> },
  queues: { label: 'nav.queues', render: () => <QueuesScreen /> },
  stats: { label: 'nav.stats', render: () => <StatisticsScreen /> },
  callbacks: { label: 'nav.callbacks', render: () => <CallbacksScreen /> },
  supervisor: { label: 'nav.supervisor', render: () => <SupervisorScreen /> },
  settings: { label: 'nav.settings', render: () => <SettingsScreen /> },
};

/** The screens this user may open, in navigation order (Alt+1 … follows it). */
export function screensFor(snapshot: Pick<DeskSnapshot, 'user'>): Screen[] {
  const screens: Screen[] = ['home', 'queues', 'stats', 'callbacks'];
  if (canSupervise(snapshot.user)) screens.push('supervisor');
  screens.push('settings');
  return screens;
}

/**
 * Whether to show the desk (true) or the sign-in form (false), given what was shown before. The desk
 * names a user as soon as it starts connecting, so a user alone is not enough: the form stays until
 * the session is up (connected, or reconnecting after being up), and comes back on sign-out. While
 * connecting or offline, whatever was shown stays: a failed first attempt keeps the form and its
 * message, a drop later keeps the desk with its banner.
 */
export function nextSignedIn(
  previous: boolean,
  snapshot: Pick<DeskSnapshot, 'user' | 'connection'>,
): boolean {
  const state = snapshot.connection.state;
  if (snapshot.user === null || state === 'signed-out') return false;
  if (state === 'connected' || state === 'reconnecting') return true;
  return previous;
}

export function App({ services }: { services: Services }) {
  return (
    <ServicesContext.Provider value={services}>
      <Root />
    </ServicesContext.Provider>
  );
}

function Root() {
  const { store, i18n } = useServices();
  const snapshot = store.snapshot.value;
  const theme = store.slice('settings').value?.theme ?? 'system';
  const language = i18n.language.value;
  const signedIn = useRef<boolean | null>(null);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = i18n.t('app.name');
  }, [language]);

  if (!snapshot) {
    return (
      <main class="loading" id="main" aria-busy="true">
        <p>{i18n.t('app.loading')}</p>
      </main>
    );
  }
  // Opened while the desk is offline after a drop: the desk, with its offline banner.
  signedIn.current ??= snapshot.user !== null && snapshot.connection.state === 'offline';
  signedIn.current = nextSignedIn(signedIn.current, snapshot);
  if (!signedIn.current) return <SignInScreen />;
  return <Desk />;
}

function Desk() {
  const { store, ui, i18n, invoke } = useServices();
  const t = i18n.t;
  const user = store.slice('user').value ?? null;
  const agent = store.slice('agent').value ?? null;
  const screens = screensFor({ user });
  const current = screens.includes(ui.screen.value) ? ui.screen.value : 'home';
  const signOut = useAction();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  useShortcuts(screens, agent);
  useAnnouncements(agent, store.slice('connection').value);

  // Moving to another screen moves focus to its heading, so keyboard and screen-reader users land there.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [current]);

  return (
    <div class="app">
      <a class="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header class="topbar">
        <span class="brand">{t('app.name')}</span>
        <TrayStatus />
        <span class="spacer" />
        {user ? (
          <span class="user" title={user.login}>
            {user.fullName || user.login}
          </span>
        ) : null}
        <button
          type="button"
          class="btn btn-quiet btn-small"
          disabled={signOut.busy}
          onClick={() => void invoke('session:signOut', {})}
        >
          {t('nav.signOut')}
        </button>
      </header>
      <ConnectionBanner />
      <Notices />
      <nav class="tabs" aria-label={t('nav.label')}>
        <ul>
          {screens.map((screen, index) => (
            <li key={screen}>
              <button
                type="button"
                class="tab"
                aria-current={screen === current ? 'page' : undefined}
                aria-keyshortcuts={`Alt+${index + 1}`}
                onClick={() => {
                  ui.screen.value = screen;
                }}
              >
                {t(SCREEN_VIEW[screen].label)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" class="content" ref={mainRef} tabIndex={-1}>
        {SCREEN_VIEW[current].render()}
      </main>
      <LiveRegion />
    </div>
  );
}

/** Alt+R ready, Alt+P pause (opens the reasons), Alt+1…6 screens: anywhere in the window. */
function useShortcuts(screens: Screen[], agent: AgentView | null) {
  const { ui, invoke } = useServices();
  const latest = useRef({ screens, agent });
  latest.current = { screens, agent };
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const intent = shortcutFor(event, latest.current.screens);
      if (!intent) return;
      event.preventDefault();
      const own = latest.current.agent;
      if (intent.kind === 'screen') {
        ui.screen.value = intent.screen;
      } else if (intent.kind === 'ready') {
        if (own && own.state !== 'AgentLoggedOut' && own.state !== 'AgentReady')
          void invoke('agent:unpause', {});
      } else if (own && own.state !== 'AgentLoggedOut') {
        ui.screen.value = 'home';
        ui.pausePickerOpen.value = true;
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}

/** Tells screen readers when the agent's state or the connection changes (not on first show). */
function useAnnouncements(agent: AgentView | null, connection: ConnectionView | undefined) {
  const { ui, i18n, store } = useServices();
  const t = i18n.t;
  const reasons = store.slice('pauseReasons').value ?? [];
  const stateKey = agent ? `${agent.state}|${agent.cause ?? ''}` : '';
  const seenState = useRef(stateKey);
  const seenConnection = useRef(connection?.state);
  useEffect(() => {
    if (stateKey === seenState.current) return;
    seenState.current = stateKey;
    if (agent) ui.announce(t('announce.state', { state: pauseLabel(t, agent, reasons) }));
  }, [stateKey]);
  useEffect(() => {
    const state = connection?.state;
    if (state === seenConnection.current) return;
    const before = seenConnection.current;
    seenConnection.current = state;
    if (state === 'reconnecting' || state === 'offline') ui.announce(t('announce.connectionLost'));
    else if (state === 'connected' && (before === 'reconnecting' || before === 'offline'))
      ui.announce(t('announce.connectionRestored'));
  }, [connection?.state]);
}
