/**
 * A settings patch changes exactly the keys it names (issue 11, major 1): choosing a language must
 * not reset the theme, and no change may empty the remembered server, login or phone line.
 * Driven through the bridge (`handleInvoke`), the way both hosts deliver a renderer's request.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SettingsPatchSchema, type Settings } from '../../../preload/contract';
import { handleInvoke } from '../../../main/desk/bridge';
import { createDesk, type Desk } from '../../../main/desk/desk';
import { mergeSettings } from '../../../main/desk/settings';
import { XucClient } from '../../../xuc/client';
import { makePorts, MemoryStore } from './support';

/** Every key away from its default, so any key a patch resets shows. */
const CUSTOM: Settings = {
  serverUrl: 'https://xuc.example.com:8443',
  login: 'alice',
  phoneNumber: '1001',
  agentId: null,
  rememberPassword: true,
  screenPop: { trigger: 'answered', allowlist: ['crm.example.com'], allowHttp: true },
  notifications: { enabled: false, doNotDisturb: true },
  startAtLogin: true,
  startHidden: true,
  language: 'en',
  theme: 'dark',
  shortcuts: { togglePause: 'Alt+1', answer: 'Alt+2', hangup: 'Alt+3' },
  autoUpdate: false,
};

const desks: Desk[] = [];
afterEach(async () => {
  for (const desk of desks.splice(0)) await desk.stop();
});

async function deskWith(
  settings: Settings,
  policy?: Parameters<typeof createDesk>[1]['policy'],
): Promise<{ desk: Desk; stored: MemoryStore }> {
  const stored = new MemoryStore(settings);
  const desk = createDesk(makePorts({ settings: stored }), { createClient: (o) => new XucClient(o), policy });
  desks.push(desk);
  await desk.start();
  return { desk, stored };
}

describe('a settings patch changes exactly the keys it names', () => {
  it.each([
    [{ language: 'fr' }, { language: 'fr' }],
    [{ theme: 'light' }, { theme: 'light' }],
    [
      { screenPop: { allowlist: ['a.example.com'] } },
      { screenPop: { ...CUSTOM.screenPop, allowlist: ['a.example.com'] } },
    ],
    [{ notifications: { doNotDisturb: false } }, { notifications: { enabled: false, doNotDisturb: false } }],
    [{ shortcuts: { answer: 'Alt+9' } }, { shortcuts: { ...CUSTOM.shortcuts, answer: 'Alt+9' } }],
  ] as const)('%j', async (patch, changed) => {
    const { desk, stored } = await deskWith(CUSTOM);
    const result = await handleInvoke(desk, 'settings:update', patch);
    expect(result).toMatchObject({ ok: true });
    const expected = { ...CUSTOM, ...changed };
    expect(desk.store.snapshot.settings).toEqual(expected);
    expect((result as { value: Settings }).value).toEqual(expected);
    // What was saved means the same: the next start keeps the theme and the remembered account.
    const again = await deskWith((await stored.load()) as Settings);
    expect(again.desk.store.snapshot.settings).toEqual(expected);
  });

  it('an empty patch changes nothing', async () => {
    const { desk } = await deskWith(CUSTOM);
    expect(await handleInvoke(desk, 'settings:update', {})).toMatchObject({ ok: true, value: CUSTOM });
  });

  it('a lock on a key the patch does not name does not refuse it', async () => {
    const { desk } = await deskWith(DEFAULT_SETTINGS, {
      settingsOverrides: { serverUrl: 'https://xuc.example.com:8443', autoUpdate: false },
      locked: ['serverUrl', 'autoUpdate'],
    });
    expect(await handleInvoke(desk, 'settings:update', { theme: 'dark' })).toMatchObject({ ok: true });
    expect(await handleInvoke(desk, 'settings:update', { autoUpdate: true })).toMatchObject({
      ok: false,
      error: { code: 'refused' },
    });
  });

  it('the patch schema adds no key the request did not have', () => {
    expect(SettingsPatchSchema.parse({ language: 'fr' })).toEqual({ language: 'fr' });
    expect(SettingsPatchSchema.parse({ screenPop: {} })).toEqual({ screenPop: {} });
    expect(mergeSettings(CUSTOM, { screenPop: { trigger: 'off' } })).toEqual({
      ok: true,
      settings: { ...CUSTOM, screenPop: { ...CUSTOM.screenPop, trigger: 'off' } },
    });
  });
});
