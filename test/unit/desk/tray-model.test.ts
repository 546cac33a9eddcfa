import { describe, expect, it } from 'vitest';
import type { AgentView, DeskSnapshot, TrayMenuItem } from '../../../preload/contract';
import { translator } from '../../../shared/i18n';
import { trayModel } from '../../../main/desk/tray-model';
import { emptySnapshot } from '../../../main/desk/desk';

const NOW = Date.UTC(2026, 0, 5, 10, 0, 0);
const t = translator('en');

function agent(state: AgentView['state'], sinceMinutes = 0, cause: string | null = null): AgentView {
  return {
    id: 11,
    firstName: 'Alice',
    lastName: 'Martin',
    number: '2001',
    groupId: 1,
    state,
    since: NOW - sinceMinutes * 60_000,
    cause,
    phoneNb: '1001',
    queues: [1],
  };
}

function snapshot(patch: Partial<DeskSnapshot>): DeskSnapshot {
  return {
    ...emptySnapshot(),
    connection: { state: 'connected', server: 'https://xuc', since: 0 },
    user: {
      userId: 1,
      login: 'alice',
      fullName: 'Alice',
      profile: 'NoRight',
      rights: [],
      agentId: 11,
      mobileNumber: null,
    },
    pauseReasons: [
      { name: 'lunch', longName: 'Lunch', color: null, kind: 'pause' },
      { name: 'available', longName: 'Available', color: null, kind: 'ready' },
    ],
    ...patch,
  };
}

const find = (menu: TrayMenuItem[], id: string) => menu.find((item) => item.id === id);

describe('tray model', () => {
  it.each([
    ['AgentReady', 'ready'],
    ['AgentOnPause', 'paused'],
    ['AgentRinging', 'ringing'],
    ['AgentOnCall', 'on-call'],
    ['AgentDialing', 'on-call'],
    ['AgentOnWrapup', 'wrapup'],
    ['AgentLoggedOut', 'logged-out'],
  ] as const)('%s shows the %s icon', (state, icon) => {
    expect(trayModel(snapshot({ agent: agent(state) }), NOW, t).icon).toBe(icon);
  });

  it('tells the state and the time in it', () => {
    const model = trayModel(snapshot({ agent: agent('AgentOnPause', 75, 'lunch') }), NOW, t);
    expect(model.tooltip).toBe('Agent Desk — Paused · Lunch for 1 h 15 min');
  });

  it('offers the pause reasons of kind "pause" as a submenu, enabled when logged in', () => {
    const model = trayModel(snapshot({ agent: agent('AgentReady', 2) }), NOW, t);
    const pause = find(model.menu, 'pause')!;
    expect(pause.kind).toBe('submenu');
    expect(pause.enabled).toBe(true);
    expect(pause.submenu.map((i) => [i.label, i.action])).toEqual([
      ['Lunch', { kind: 'pause', reason: 'lunch' }],
    ]);
    expect(find(model.menu, 'unpause')!.enabled).toBe(false);
    expect(find(model.menu, 'agent-logout')!.enabled).toBe(true);
  });

  it('enables unpause only when paused', () => {
    const model = trayModel(snapshot({ agent: agent('AgentOnPause', 1, 'lunch') }), NOW, t);
    expect(find(model.menu, 'unpause')!.enabled).toBe(true);
  });

  it('offers agent login when the agent is logged out', () => {
    const model = trayModel(snapshot({ agent: agent('AgentLoggedOut') }), NOW, t);
    expect(find(model.menu, 'agent-login')).toMatchObject({ enabled: true, action: { kind: 'agent-login' } });
    expect(find(model.menu, 'pause')!.enabled).toBe(false);
  });

  it('is offline and disables every server action while the link is down', () => {
    const model = trayModel(
      snapshot({
        connection: { state: 'reconnecting', server: 'x', attempt: 2, nextRetryAt: 0, lastError: 'reset' },
        agent: agent('AgentReady'),
      }),
      NOW,
      t,
    );
    expect(model.icon).toBe('offline');
    expect(model.tooltip).toBe('Agent Desk — Connection lost, reconnecting…');
    const enabled = model.menu.filter((i) => i.kind !== 'separator' && i.enabled).map((i) => i.id);
    expect(enabled).toEqual(['show', 'quit']);
  });

  it('speaks French when asked', () => {
    const model = trayModel(snapshot({ agent: agent('AgentReady', 0) }), NOW, translator('fr'));
    expect(model.tooltip).toBe('Agent Desk — Disponible depuis moins d’une minute');
    expect(find(model.menu, 'quit')!.label).toBe('Quitter');
  });
});
