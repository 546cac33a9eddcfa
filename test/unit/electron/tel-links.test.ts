import { describe, expect, it } from 'vitest';
import type { AgentView, DeskSnapshot, Language, UserView } from '../../../preload/contract';
import { COMMAND_NAMES, commands } from '../../../preload/contract';
import {
  confirmDialogOptions,
  createTelLinkHandler,
  dialCommand,
  informDialogOptions,
} from '../../../main/electron/tel-links';
import { translator } from '../../../shared/i18n';

type Snapshot = Pick<DeskSnapshot, 'connection' | 'user' | 'agent'>;
const connected: Snapshot = {
  connection: { state: 'connected', server: 'http://127.0.0.1:8090', since: 0 },
  user: { profile: 'Admin' } as UserView,
  agent: { id: 11, queues: [3, 1], state: 'AgentReady' } as AgentView,
};

function setup(
  options: { answer?: boolean; snapshot?: Snapshot; dialError?: string | null; language?: Language } = {},
) {
  const state = { confirmed: false, asked: [] as string[], told: [] as string[], dialled: [] as unknown[] };
  const handle = createTelLinkHandler({
    snapshot: () => options.snapshot ?? connected,
    confirm: async (number) => {
      state.asked.push(number);
      return options.answer ?? true;
    },
    inform: (message) => state.told.push(message),
    t: () => translator(options.language ?? 'en'),
    isConfirmed: () => state.confirmed,
    rememberConfirmed: async () => {
      state.confirmed = true;
    },
    dial: async (plan) => {
      state.dialled.push(plan);
      return options.dialError ?? null;
    },
    logger: { info: () => {}, warn: () => {} },
  });
  return { handle, state };
}

describe('a tel: link handed to the app', () => {
  it('asks the agent the first time, then dials from the agent’s first queue; later links dial at once', async () => {
    const { handle, state } = setup();
    expect(await handle('tel:+33 1 23 45 67 89')).toEqual({
      outcome: 'dialled',
      plan: { kind: 'dialFromQueue', destination: '+33123456789', queueId: 3 },
    });
    expect(state.asked).toEqual(['+33123456789']);
    await handle('callto://1002/');
    expect(state.asked).toHaveLength(1);
    expect(state.dialled).toHaveLength(2);
  });

  it('declined: nothing is dialled and it asks again next time', async () => {
    const { handle, state } = setup({ answer: false });
    expect(await handle('tel:1002')).toEqual({ outcome: 'cancelled' });
    expect(state.dialled).toEqual([]);
    expect(state.confirmed).toBe(false);
  });

  it('a plain dial for a user without an agent, or whose profile may not dial from a queue', async () => {
    const noAgent = setup({ snapshot: { ...connected, agent: null } });
    await noAgent.handle('tel:1002');
    expect(noAgent.state.dialled).toEqual([{ kind: 'dial', destination: '1002' }]);
    const noRight = setup({ snapshot: { ...connected, user: { profile: 'NoRight' } as UserView } });
    await noRight.handle('tel:1002');
    expect(noRight.state.dialled).toEqual([{ kind: 'dial', destination: '1002' }]);
  });

  it.each([
    'javascript:alert(1)',
    'tel:1002;ext=3',
    'tel:1-800-FLOWERS',
    'tel:1002%0A',
    'tel:' + '9'.repeat(40),
  ])('a hostile or malformed link (%s) is refused before any question or dial', async (raw) => {
    const { handle, state } = setup();
    expect(await handle(raw)).toMatchObject({ outcome: 'refused' });
    expect(state.asked).toEqual([]);
    expect(state.dialled).toEqual([]);
    expect(state.told).toHaveLength(1);
  });

  it('tells the agent when not connected, or when the server refuses', async () => {
    const offline = setup({ snapshot: { connection: { state: 'signed-out' }, user: null, agent: null } });
    expect(await offline.handle('tel:1002')).toEqual({ outcome: 'refused', reason: 'not-connected' });
    expect(offline.state.told[0]).toContain('not connected');
    const refused = setup({ dialError: 'The server refused the request' });
    expect(await refused.handle('tel:1002')).toEqual({
      outcome: 'failed',
      message: 'The server refused the request',
    });
    expect(refused.state.told[0]).toContain('1002 was not dialled');
  });

  it('two links at once never stack two dialogs or two calls', async () => {
    const { handle, state } = setup();
    const [first, second] = await Promise.all([handle('tel:1002'), handle('tel:1003')]);
    expect(first.outcome).toBe('dialled');
    expect(second).toEqual({ outcome: 'refused', reason: 'busy' });
    expect(state.asked).toEqual(['1002']);
  });

  it('speaks the agent’s language', async () => {
    const offline = setup({
      snapshot: { connection: { state: 'signed-out' }, user: null, agent: null },
      language: 'fr',
    });
    await offline.handle('tel:1002');
    expect(offline.state.told).toEqual([
      'Le 1002 n’a pas été composé : Agent Desk n’est pas connecté au serveur.',
    ]);
    expect(confirmDialogOptions('1002', translator('fr'))).toMatchObject({
      buttons: ['Appeler', 'Annuler'],
      message: 'Appeler le 1002 ?',
    });
    expect(informDialogOptions('x', translator('fr'))).toMatchObject({ message: 'x', buttons: ['OK'] });
  });

  it('the confirmation dialog names the number and defaults to Call, Cancel on Escape', () => {
    expect(confirmDialogOptions('1002', translator('en'))).toMatchObject({
      type: 'question',
      buttons: ['Call', 'Cancel'],
      defaultId: 0,
      cancelId: 1,
      message: 'Call 1002?',
    });
  });

  it('each plan becomes a bridge command whose request the contract accepts', () => {
    const plans = [
      { kind: 'dial', destination: '0601020304' },
      { kind: 'dialFromQueue', destination: '+33123456789', queueId: 3 },
    ] as const;
    for (const plan of plans) {
      const { command, request } = dialCommand(plan);
      expect(COMMAND_NAMES).toContain(command);
      expect(commands[command].request.safeParse(request).success).toBe(true);
    }
    expect(dialCommand(plans[0]).command).toBe('call:dial');
    expect(dialCommand(plans[1])).toEqual({
      command: 'call:dialFromQueue',
      request: { destination: '+33123456789', queueId: 3 },
    });
  });
});
