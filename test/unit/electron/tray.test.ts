import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { AgentView, DeskSnapshot, TrayAction } from '../../../preload/contract';
import { translator } from '../../../shared/i18n';
import { trayModel } from '../../../main/desk/tray-model';
import {
  TRAY_ICONS,
  createTray,
  menuTemplate,
  trayIconFile,
  trayIsDark,
  type MenuItemOptions,
} from '../../../main/electron/tray';

const iconDir = join(__dirname, '..', '..', '..', 'build', 'tray');
const t = translator('en');

function pngSize(file: string): { width: number; height: number; rgba: boolean } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), rgba: bytes[25] === 6 };
}

describe('tray icon files', () => {
  it.each(TRAY_ICONS)('%s has a committed icon for every platform and theme', (icon) => {
    for (const [platform, dark] of [
      ['linux', false],
      ['linux', true],
      ['win32', false],
      ['win32', true],
      ['darwin', false],
    ] as const) {
      expect(existsSync(join(iconDir, trayIconFile(icon, platform, dark)))).toBe(true);
    }
  });

  it('Linux and macOS icons are 16 px RGBA PNGs with a 32 px @2x beside them', () => {
    for (const file of [trayIconFile('ready', 'linux', true), trayIconFile('ready', 'darwin', false)]) {
      expect(pngSize(join(iconDir, file))).toEqual({ width: 16, height: 16, rgba: true });
      expect(pngSize(join(iconDir, file.replace('.png', '@2x.png')))).toEqual({
        width: 32,
        height: 32,
        rgba: true,
      });
    }
  });

  it('Windows icons are ICO files holding 16, 24, 32 and 48 px PNGs', () => {
    const bytes = readFileSync(join(iconDir, trayIconFile('paused', 'win32', false)));
    expect(bytes.readUInt16LE(2)).toBe(1);
    const count = bytes.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => bytes[6 + i * 16]);
    expect(sizes).toEqual([16, 24, 32, 48]);
    const offset = bytes.readUInt32LE(6 + 12);
    expect(bytes.subarray(offset + 1, offset + 4).toString('ascii')).toBe('PNG');
  });

  it('macOS template images are black ink on transparency (the system tints them)', () => {
    const bytes = readFileSync(join(iconDir, trayIconFile('on-call', 'darwin', false)));
    const idat = bytes.indexOf('IDAT');
    const raw = inflateSync(bytes.subarray(idat + 4, idat + 4 + bytes.readUInt32BE(idat - 4)));
    let inked = 0;
    for (let row = 0; row < 16; row += 1) {
      for (let col = 0; col < 16; col += 1) {
        const i = row * (16 * 4 + 1) + 1 + col * 4;
        expect([raw[i], raw[i + 1], raw[i + 2]]).toEqual([0, 0, 0]);
        if (raw[i + 3]! > 0) inked += 1;
      }
    }
    expect(inked).toBeGreaterThan(20);
  });

  it('states look different from one another, even without colour', () => {
    const shapes = TRAY_ICONS.map((icon) =>
      readFileSync(join(iconDir, trayIconFile(icon, 'darwin', false))).toString('hex'),
    );
    expect(new Set(shapes).size).toBe(TRAY_ICONS.length);
  });

  it('picks the variant for the panel behind the icon', () => {
    expect(trayIsDark('win32', false, true)).toBe(true);
    expect(trayIsDark('win32', true, false)).toBe(false);
    expect(trayIsDark('linux', false, false)).toBe(true);
    expect(trayIconFile('ready', 'win32', true)).toBe('tray-ready-dark.ico');
    expect(trayIconFile('ready', 'linux', false)).toBe('tray-ready-light.png');
    expect(trayIconFile('ready', 'darwin', true)).toBe('tray-readyTemplate.png');
  });
});

// ---- The tray drawn from the desk's real tray model -------------------------------------------

const agent = (state: AgentView['state'], cause: string | null = null): AgentView => ({
  id: 11,
  firstName: 'Alice',
  lastName: 'Martin',
  number: '2001',
  groupId: 1,
  state,
  since: 0,
  cause,
  phoneNb: '1001',
  queues: [1],
});

function snapshot(state: AgentView['state'] | null, connected = true): Parameters<typeof trayModel>[0] {
  return {
    connection: connected
      ? { state: 'connected', server: 'x', since: 0 }
      : { state: 'reconnecting', server: 'x', attempt: 1, nextRetryAt: 0, lastError: '' },
    user: null,
    agent: state === null ? null : agent(state),
    pauseReasons: [
      { name: 'lunch', longName: 'Lunch', color: null, kind: 'pause' },
      { name: 'training', longName: 'Training', color: null, kind: 'pause' },
    ],
  } satisfies Pick<DeskSnapshot, 'connection' | 'user' | 'agent' | 'pauseReasons'>;
}

class FakeTray {
  static created: FakeTray[] = [];
  images: string[] = [];
  tooltips: string[] = [];
  menus: MenuItemOptions[][] = [];
  clickListener: (() => void) | null = null;
  destroyed = false;
  constructor(image: string) {
    this.images.push(image);
    FakeTray.created.push(this);
  }
  setImage(image: string) {
    this.images.push(image);
  }
  setToolTip(text: string) {
    this.tooltips.push(text);
  }
  setContextMenu(menu: MenuItemOptions[]) {
    this.menus.push(menu);
  }
  on(_event: 'click', listener: () => void) {
    this.clickListener = listener;
  }
  destroy() {
    this.destroyed = true;
  }
}

function makeTray(platform: NodeJS.Platform = 'linux', dark = { value: true }) {
  FakeTray.created = [];
  const actions: TrayAction[] = [];
  let shown = 0;
  const tray = createTray(
    {
      Tray: FakeTray,
      Menu: { buildFromTemplate: (template) => template },
      nativeImage: { createFromPath: (path: string) => path.split('/').pop()! },
    },
    {
      iconDir: '/icons',
      platform,
      isDark: () => dark.value,
      onAction: (a) => actions.push(a),
      onClick: () => (shown += 1),
    },
  );
  return { tray, fake: FakeTray.created[0]!, actions, shown: () => shown };
}

function find(menu: MenuItemOptions[], id: string): MenuItemOptions | undefined {
  for (const item of menu) {
    if (item.id === id) return item;
    const inner = item.submenu ? find(item.submenu, id) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

describe('createTray: draws the desk’s tray model', () => {
  it.each([
    ['AgentReady', 'tray-ready-dark.png'],
    ['AgentOnPause', 'tray-paused-dark.png'],
    ['AgentOnCall', 'tray-on-call-dark.png'],
    ['AgentRinging', 'tray-ringing-dark.png'],
    ['AgentOnWrapup', 'tray-wrapup-dark.png'],
    ['AgentLoggedOut', 'tray-logged-out-dark.png'],
  ] as const)('%s → %s', (state, file) => {
    const { tray, fake } = makeTray();
    tray.render(trayModel(snapshot(state), 0, t));
    expect(fake.images.at(-1)).toBe(file);
  });

  it('starts offline, and shows offline when the link is down whatever the agent state', () => {
    const { tray, fake } = makeTray('win32', { value: false });
    expect(fake.images).toEqual(['tray-offline-light.ico']);
    tray.render(trayModel(snapshot('AgentReady', false), 0, t));
    expect(fake.images).toEqual(['tray-offline-light.ico']);
    expect(fake.tooltips.at(-1)).toContain('reconnecting');
  });

  it('sets the tooltip from the model, and the menu’s clicks hand back its actions', () => {
    const { tray, fake, actions } = makeTray();
    const model = trayModel(snapshot('AgentReady'), 0, t);
    tray.render(model);
    expect(fake.tooltips).toEqual([model.tooltip]);
    const menu = fake.menus.at(-1)!;
    find(menu, 'pause:lunch')!.click!();
    find(menu, 'quit')!.click!();
    expect(actions).toEqual([{ kind: 'pause', reason: 'lunch' }, { kind: 'quit' }]);
    expect(find(menu, 'unpause')!.enabled).toBe(false);
  });

  it('pauses and unpauses from the tray without the window', () => {
    const { tray, fake, actions } = makeTray();
    tray.render(trayModel(snapshot('AgentOnPause'), 0, t));
    const unpause = find(fake.menus.at(-1)!, 'unpause')!;
    expect(unpause.enabled).toBe(true);
    unpause.click!();
    expect(actions).toEqual([{ kind: 'unpause' }]);
  });

  it('does not rebuild an unchanged menu or redraw an unchanged icon', () => {
    const { tray, fake } = makeTray();
    const model = trayModel(snapshot('AgentReady'), 0, t);
    tray.render(model);
    tray.render({ ...model });
    expect(fake.menus).toHaveLength(1);
    expect(fake.images).toHaveLength(2);
    expect(fake.tooltips).toHaveLength(1);
  });

  it('redraws the icon when the theme changes; a click on the icon shows the window', () => {
    const dark = { value: true };
    const { tray, fake, shown } = makeTray('linux', dark);
    tray.render(trayModel(snapshot('AgentReady'), 0, t));
    dark.value = false;
    tray.refreshTheme();
    expect(fake.images.at(-1)).toBe('tray-ready-light.png');
    fake.clickListener!();
    expect(shown()).toBe(1);
    tray.destroy();
    expect(fake.destroyed).toBe(true);
  });
});

describe('menuTemplate', () => {
  it('maps separators, submenus and disabled items; an item without action cannot be clicked', () => {
    const template = menuTemplate(
      [
        { id: 'a', label: 'A', enabled: true, kind: 'item', action: null, submenu: [] },
        { id: 's', label: '', enabled: true, kind: 'separator', action: null, submenu: [] },
        {
          id: 'p',
          label: 'Pause',
          enabled: false,
          kind: 'submenu',
          action: null,
          submenu: [
            {
              id: 'p1',
              label: 'Lunch',
              enabled: false,
              kind: 'item',
              action: { kind: 'pause', reason: 'lunch' },
              submenu: [],
            },
          ],
        },
      ],
      () => {},
    );
    expect(template[0]).toEqual({ id: 'a', label: 'A', type: 'normal', enabled: false });
    expect(template[1]).toEqual({ id: 's', type: 'separator' });
    expect(template[2]).toMatchObject({
      type: 'submenu',
      enabled: false,
      submenu: [{ id: 'p1', enabled: false }],
    });
  });
});
