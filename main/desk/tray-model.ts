/**
 * The tray, as a pure function of the desk snapshot: icon, tooltip and menu. Hosts only draw it
 * (Electron `Tray`, the web page's header). It tells the truth about both the connection and the
 * agent's state, and disables every server action while the link is down.
 */
import type { DeskSnapshot, TrayIcon, TrayMenuItem, TrayModel } from '../../preload/contract';
import type { MessageKey, Translate } from '../../shared/i18n';

type Input = Pick<DeskSnapshot, 'connection' | 'user' | 'agent' | 'pauseReasons'>;

export function trayModel(snapshot: Input, now: number, t: Translate): TrayModel {
  const online = snapshot.connection.state === 'connected';
  const agent = snapshot.agent;
  const hasAgent = online && (agent !== null || (snapshot.user?.agentId ?? null) !== null);
  const agentState = online ? (agent?.state ?? 'AgentLoggedOut') : null;
  const loggedIn = agentState !== null && agentState !== 'AgentLoggedOut' && agentState !== 'Unknown';

  const icon = iconFor(agentState);
  const stateText = stateLabel(snapshot, t);
  const since = loggedIn && agent ? agent.since : null;
  const tooltip =
    since === null
      ? t('tray.tooltip', { app: t('app.name'), state: stateText })
      : t('tray.tooltipSince', { app: t('app.name'), state: stateText, duration: duration(now - since, t) });

  const pauseReasons = snapshot.pauseReasons.filter((reason) => reason.kind === 'pause');
  const canPause = online && loggedIn;
  const pauseMenu: TrayMenuItem =
    pauseReasons.length === 0
      ? item('pause', t('menu.pause'), canPause, { kind: 'pause', reason: null })
      : {
          id: 'pause',
          label: t('menu.pause'),
          enabled: canPause,
          kind: 'submenu',
          action: null,
          submenu: pauseReasons.map((reason) =>
            item(`pause:${reason.name}`, reason.longName || reason.name, canPause, {
              kind: 'pause',
              reason: reason.name,
            }),
          ),
        };

  const menu: TrayMenuItem[] = [
    pauseMenu,
    item('unpause', t('menu.unpause'), online && agentState === 'AgentOnPause', { kind: 'unpause' }),
    separator('sep-agent'),
    loggedIn
      ? item('agent-logout', t('menu.agentLogout'), online, { kind: 'agent-logout' })
      : item('agent-login', t('menu.agentLogin'), hasAgent, { kind: 'agent-login' }),
    separator('sep-app'),
    item('show', t('menu.show'), true, { kind: 'show' }),
    item('quit', t('menu.quit'), true, { kind: 'quit' }),
  ];
  return { icon, tooltip, menu };
}

function iconFor(agentState: string | null): TrayIcon {
  if (agentState === null) return 'offline';
  switch (agentState) {
    case 'AgentReady':
      return 'ready';
    case 'AgentOnPause':
      return 'paused';
    case 'AgentRinging':
      return 'ringing';
    case 'AgentOnCall':
    case 'AgentDialing':
      return 'on-call';
    case 'AgentOnWrapup':
      return 'wrapup';
    default:
      return 'logged-out';
  }
}

const STATE_KEYS: Record<string, MessageKey> = {
  AgentReady: 'state.ready',
  AgentOnPause: 'state.paused',
  AgentRinging: 'state.ringing',
  AgentOnCall: 'state.onCall',
  AgentDialing: 'state.dialing',
  AgentOnWrapup: 'state.wrapup',
  AgentLoggedOut: 'state.loggedOut',
  Unknown: 'state.loggedOut',
};

/** The state in words: the connection first, then the agent. */
export function stateLabel(snapshot: Input, t: Translate): string {
  const connection = snapshot.connection;
  switch (connection.state) {
    case 'signed-out':
      return t('state.signedOut');
    case 'connecting':
      return t('state.connecting');
    case 'reconnecting':
      return t('state.reconnecting');
    case 'offline':
      return t('state.offline');
    case 'connected':
      break;
  }
  const agent = snapshot.agent;
  if (agent === null) return snapshot.user?.agentId != null ? t('state.loggedOut') : t('state.noAgent');
  if (agent.state === 'AgentOnPause' && agent.cause) {
    const reason = snapshot.pauseReasons.find((r) => r.name === agent.cause);
    return t('state.pausedWith', { reason: reason?.longName || agent.cause });
  }
  return t(STATE_KEYS[agent.state] ?? 'state.loggedOut');
}

/** Minutes are enough for a tooltip, and keep the tray from changing every second. */
export function duration(ms: number, t: Translate): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return t('duration.lessThanMinute');
  if (minutes < 60) return t('duration.minutes', { minutes });
  return t('duration.hours', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

function item(id: string, label: string, enabled: boolean, action: TrayMenuItem['action']): TrayMenuItem {
  return { id, label, enabled, kind: 'item', action, submenu: [] };
}

function separator(id: string): TrayMenuItem {
  return { id, label: '', enabled: true, kind: 'separator', action: null, submenu: [] };
}
