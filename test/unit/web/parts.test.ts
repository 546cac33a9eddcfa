import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { injectBridge, loadAssets } from '../../../main/web/assets';
import { defaultDataDir, openCommand, parseArgs } from '../../../main/web/cli';
import { createJsonFileStore } from '../../../main/files/json-file-store';
import { hasDesktopSession } from '../../../main/web/ports';
import { cookieValue, parseInvoke } from '../../../main/web/server';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'desk-web-parts-'));
  dirs.push(dir);
  return dir;
}

describe('web cli', () => {
  it('parses the documented options and refuses others', () => {
    expect(parseArgs(['--port', '8123', '--practice', '--no-open', '--data-dir', '/tmp/x'])).toMatchObject({
      port: 8123,
      practice: true,
      open: false,
      dataDir: '/tmp/x',
    });
    expect(parseArgs([])).toMatchObject({ port: 0, practice: false, open: true });
    expect(parseArgs(['--port', 'http'])).toEqual({ error: '--port needs a number 0-65535' });
    expect(parseArgs(['--host', '0.0.0.0'])).toEqual({ error: 'unknown option --host' });
    expect(parseArgs(['--practice', '--scenario', 'steady'])).toMatchObject({
      practice: true,
      scenario: 'steady',
    });
    expect(parseArgs(['--scenario', 'chaos'])).toEqual({ error: '--scenario needs one of steady, rush' });
    expect(parseArgs(['--scenario'])).toEqual({ error: '--scenario needs one of steady, rush' });
  });

  it('opens the browser with an argument list, never a shell line', () => {
    const url = 'http://127.0.0.1:1/?token=a&b';
    expect(openCommand(url, 'linux')).toEqual(['xdg-open', [url]]);
    expect(openCommand(url, 'darwin')).toEqual(['open', [url]]);
    expect(openCommand(url, 'win32')).toEqual(['cmd', ['/c', 'start', '""', url]]);
  });

  it('keeps data under the OS config dir', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/home/a/.config' }, 'linux')).toBe(
      '/home/a/.config/agent-desk/web',
    );
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toContain('agent-desk');
  });

  it('uses a desktop notifier only where a desktop session exists', () => {
    expect(hasDesktopSession({}, 'linux')).toBe(false);
    expect(hasDesktopSession({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
    expect(hasDesktopSession({}, 'darwin')).toBe(true);
  });
});

describe('bridge messages and cookies', () => {
  it('accepts {id, command, request} and names what is wrong otherwise', () => {
    expect(parseInvoke('{"id":1,"command":"agent:pause","request":{}}')).toEqual({
      id: 1,
      command: 'agent:pause',
      request: {},
    });
    expect(parseInvoke('{"id":"x".repeat}')).toEqual({ problem: 'message is not valid JSON' });
    expect(parseInvoke('{"id":1.5,"command":"a"}')).toEqual({ problem: 'message has no valid id' });
    expect(parseInvoke('{"id":"' + 'x'.repeat(65) + '","command":"a"}')).toEqual({
      problem: 'message has no valid id',
    });
    expect(parseInvoke('{"id":2,"command":7}')).toEqual({ id: 2, problem: 'message has no valid command' });
  });

  it('reads one cookie among several', () => {
    expect(cookieValue('a=1; agentdesk_session=abc=; b=2', 'agentdesk_session')).toBe('abc=');
    expect(cookieValue(undefined, 'x')).toBeUndefined();
  });
});

const jsonFile = (file: string) => createJsonFileStore({ file, now: Date.now, logger: { warn: () => {} } });

describe('JSON file store', () => {
  it('writes atomically, leaving no temp file, readable by the next run', async () => {
    const dir = await tempDir();
    const store = jsonFile(join(dir, 'sub', 'outbox.json'));
    expect(await store.load()).toBeUndefined();
    await Promise.all([store.save({ n: 1 }), store.save({ n: 2 }), store.save({ n: 3 })]);
    expect(await jsonFile(join(dir, 'sub', 'outbox.json')).load()).toEqual({ n: 3 });
    expect(await readdir(join(dir, 'sub'))).toEqual(['outbox.json']);
  });

  it('keeps a corrupt file aside and reports it', async () => {
    const dir = await tempDir();
    const path = join(dir, 'outbox.json');
    await writeFile(path, '{"version":1,"entries":[{"comment":"half wri');
    await expect(jsonFile(path).load()).rejects.toThrow(/it was moved to outbox\.corrupt-.*\.json/);
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(await readFile(join(dir, files[0]!), 'utf8')).toContain('half wri');
  });
});

describe('assets', () => {
  it('loads the bridge script before the page scripts', () => {
    const html = '<head>\n    <script type="module" src="./index.js"></script>\n  </head>';
    expect(injectBridge(html)).toBe(
      '<head>\n    <script src="./bridge-client.js"></script>\n    <script type="module" src="./index.js"></script>\n  </head>',
    );
    expect(injectBridge('<html><head></head></html>')).toContain(
      '<script src="./bridge-client.js"></script>\n  </head>',
    );
  });

  it('builds the real renderer from its sources with the bridge injected', async () => {
    const assets = await loadAssets({ renderer: 'sources' });
    expect(assets.source).toBe('sources');
    const html = assets.get('/')!.body.toString('utf8');
    expect(html.indexOf('bridge-client.js')).toBeLessThan(html.indexOf('index.js'));
    expect(assets.get('/index.js')!.type).toBe('text/javascript; charset=utf-8');
    expect(assets.get('/index.js')!.body.length).toBeGreaterThan(10_000);
    expect(assets.get('/bridge-client.js')!.body.toString('utf8')).toContain('agentdesk:ready');
  });
});
