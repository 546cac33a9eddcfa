import type { AgentStateView, TrayIcon } from '../preload/contract';
import type { MessageKey } from './i18n';

/** The colour family of a state; always shown together with its text, never alone. */
export type Tone = 'ready' | 'paused' | 'oncall' | 'wrapup' | 'offline';
export const TONES: readonly Tone[] = ['ready', 'paused', 'oncall', 'wrapup', 'offline'];

export const STATE_VIEW: Record<AgentStateView, { tone: Tone; label: MessageKey }> = {
  AgentReady: { tone: 'ready', label: 'state.ready' },
  AgentOnPause: { tone: 'paused', label: 'state.paused' },
  AgentRinging: { tone: 'oncall', label: 'state.ringing' },
  AgentDialing: { tone: 'oncall', label: 'state.dialing' },
  AgentOnCall: { tone: 'oncall', label: 'state.onCall' },
  AgentOnWrapup: { tone: 'wrapup', label: 'state.wrapup' },
  AgentLoggedOut: { tone: 'offline', label: 'state.loggedOut' },
  Unknown: { tone: 'offline', label: 'state.unknown' },
};

export const TONE_LABEL: Record<Tone, MessageKey> = {
  ready: 'tone.ready',
  paused: 'tone.paused',
  oncall: 'tone.oncall',
  wrapup: 'tone.wrapup',
  offline: 'tone.offline',
};

export const TRAY_TONE: Record<TrayIcon, Tone> = {
  ready: 'ready',
  paused: 'paused',
  'on-call': 'oncall',
  ringing: 'oncall',
  wrapup: 'wrapup',
  'logged-out': 'offline',
  offline: 'offline',
};
