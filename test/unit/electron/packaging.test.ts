import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../../scripts/build.mjs';
import { electronBinaryPath } from '../../../scripts/electron-binary.mjs';

const root = join(__dirname, '..', '..', '..');
const require = createRequire(import.meta.url);
// js-yaml comes with electron-builder, which reads this same file.
const yaml = require('js-yaml') as { load(text: string): unknown };

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asar: boolean;
  afterPack: string;
  protocols: Array<{ schemes: string[] }>;
  publish: { provider: string; url: string };
  linux: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
  nsis: { include: string };
  mac: { target: string[]; icon: string; entitlements: string; hardenedRuntime: boolean };
}
const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const read = (path: string) => readFileSync(join(root, path), 'utf8');

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own configuration schema', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(
      validateConfiguration({ ...config, linux: { target: 'AppImage', bogus: 1 } }, new DebugLogger(false)),
    ).rejects.toThrow();
  });

  it('names the app and packs only the bundled dist into an asar', () => {
    expect(config.appId).toBe('solutions.agentdesk.app');
    expect(config.productName).toBe('Agent Desk');
    expect(config.asar).toBe(true);
    expect(config.files).toContain('dist/**');
    expect(config.files).toContain('!node_modules/**');
  });

  it('builds AppImage and deb, NSIS, and dmg, with icons from build/', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    for (const icon of [config.win.icon, config.mac.icon, join(config.linux.icon, '512x512.png')]) {
      expect(readFileSync(join(root, icon)).length).toBeGreaterThan(100);
    }
  });

  it('registers tel: and callto: (Linux MimeType, macOS CFBundleURLTypes come from `protocols`)', () => {
    expect(config.protocols.flatMap((p) => p.schemes).sort()).toEqual(['callto', 'tel']);
  });

  it('publishes updates through a generic feed, a placeholder the admin sets', () => {
    expect(config.publish.provider).toBe('generic');
    expect(config.publish.url).toMatch(/^https:\/\/.+\.invalid\//);
  });

  it('macOS: hardened runtime with minimal entitlements', () => {
    expect(config.mac.hardenedRuntime).toBe(true);
    const plist = read(config.mac.entitlements);
    expect(plist).toContain('com.apple.security.cs.allow-jit');
    expect(plist).not.toContain('disable-library-validation');
    expect(plist).not.toContain('device.camera');
  });
});

describe('Windows installer: Default Apps entries for tel: and callto:', () => {
  const nsh = read(config.nsis.include);
  it.each(['tel', 'callto'])('%s gets a ProgID with an open command and a URL association', (scheme) => {
    expect(nsh).toContain('!insertmacro agentDeskProgId "' + scheme + '"');
  });
  it('declares Capabilities and points RegisteredApplications at them; the uninstaller removes them', () => {
    expect(nsh).toContain(
      'WriteRegStr SHELL_CONTEXT "Software\\RegisteredApplications" "AgentDesk" "Software\\AgentDesk\\Capabilities"',
    );
    expect(nsh).toContain(
      '"Software\\AgentDesk\\Capabilities\\URLAssociations" "${SCHEME}" "AgentDesk.${SCHEME}"',
    );
    expect(nsh).toContain('shell\\open\\command" "" \'"$INSTDIR\\${APP_EXECUTABLE_FILENAME}" "%1"\'');
    expect(nsh).toMatch(
      /!macro customUnInstall[\s\S]*DeleteRegValue SHELL_CONTEXT "Software\\RegisteredApplications" "AgentDesk"/,
    );
  });
});

describe('fuses flipped at packaging', () => {
  const hook = require(join(root, config.afterPack)) as {
    FUSES: Record<string, unknown>;
    executablePath(context: unknown): string;
  };
  const { FuseV1Options } = require('@electron/fuses') as { FuseV1Options: Record<string, number> };

  it.each([
    ['RunAsNode', false],
    ['EnableNodeOptionsEnvironmentVariable', false],
    ['EnableNodeCliInspectArguments', false],
    ['EnableEmbeddedAsarIntegrityValidation', true],
    ['OnlyLoadAppFromAsar', true],
    ['GrantFileProtocolExtraPrivileges', false],
    ['EnableCookieEncryption', true],
  ])('%s → %s', (fuse, value) => {
    expect(hook.FUSES[FuseV1Options[fuse]!]).toBe(value);
  });

  it('finds the packaged executable on each platform', () => {
    const packager = { appInfo: { productFilename: 'Agent Desk' }, executableName: 'agent-desk' };
    expect(hook.executablePath({ appOutDir: '/out', electronPlatformName: 'linux', packager })).toBe(
      '/out/agent-desk',
    );
    expect(hook.executablePath({ appOutDir: '/out', electronPlatformName: 'win32', packager })).toBe(
      '/out/Agent Desk.exe',
    );
    expect(hook.executablePath({ appOutDir: '/out', electronPlatformName: 'darwin', packager })).toBe(
      '/out/Agent Desk.app',
    );
  });
});

describe('electronBinaryPath: never downloads', () => {
  function electronDir(pathTxt?: string, binary?: string) {
    const dir = mkdtempSync(join(tmpdir(), 'agent-desk-electron-'));
    if (pathTxt !== undefined) writeFileSync(join(dir, 'path.txt'), pathTxt);
    if (binary !== undefined) {
      mkdirSync(join(dir, 'dist'), { recursive: true });
      writeFileSync(join(dir, 'dist', binary), '#!/bin/sh\n');
      chmodSync(join(dir, 'dist', binary), 0o755);
    }
    return dir;
  }

  it('null when npm could not download it (no path.txt)', () => {
    expect(electronBinaryPath({ electronDir: electronDir(), env: {} })).toBeNull();
  });

  it('null when path.txt names a binary that is not there', () => {
    expect(electronBinaryPath({ electronDir: electronDir('electron'), env: {} })).toBeNull();
  });

  it('the binary when it is installed, or under ELECTRON_OVERRIDE_DIST_PATH', () => {
    const dir = electronDir('electron', 'electron');
    expect(electronBinaryPath({ electronDir: dir, env: {} })).toBe(join(dir, 'dist', 'electron'));
    const override = electronDir(undefined, 'electron');
    expect(
      electronBinaryPath({ electronDir: dir, env: { ELECTRON_OVERRIDE_DIST_PATH: join(override, 'dist') } }),
    ).toBe(join(override, 'dist', 'electron'));
  });
});

describe('the bundle', () => {
  it('builds main and preload with only `electron` external, and main loads against a bare Electron', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'agent-desk-build-'));
    const { main, preload } = await build({ outdir, renderer: false });
    const preloadText = readFileSync(preload, 'utf8');
    expect(preloadText).toContain('require("electron")');
    expect(preloadText.length).toBeLessThan(10_000);
    expect(readFileSync(join(outdir, 'tray', 'tray-ready-dark.png')).length).toBeGreaterThan(50);
    // In a child Node: `electron` is the only module left to provide; everything else is inside.
    const probe = `
      const Module = require('node:module');
      const { EventEmitter } = require('node:events');
      const app = Object.assign(new EventEmitter(), {
        setPath() {}, getPath: () => require('node:os').tmpdir(), setAppUserModelId() {},
        requestSingleInstanceLock: () => true, whenReady: () => new Promise(() => {}), quit() {}, getVersion: () => '0',
      });
      const electron = { app, protocol: { registerSchemesAsPrivileged() {} }, ipcMain: { handle() {}, on() {} } };
      const load = Module._load;
      Module._load = function (request, ...rest) {
        if (request === 'electron') return electron;
        return load.call(this, request, ...rest);
      };
      require(${JSON.stringify(main)});
      process.stdout.write(JSON.stringify(app.eventNames()));
    `;
    const result = spawnSync(process.execPath, ['-e', probe], {
      cwd: outdir,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual(['second-instance', 'open-url', 'window-all-closed']);
  });
});
