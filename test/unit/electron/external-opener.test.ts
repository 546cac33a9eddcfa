import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../../preload/contract';
import { createExternalOpener, RefusedUrlError } from '../../../main/electron/external-opener';

function setup(screenPop: Partial<Settings['screenPop']> = {}) {
  const opened: Array<{ url: string; options?: { activate?: boolean } }> = [];
  const logs: Array<{ message: string; fields?: Record<string, unknown> }> = [];
  const settings = {
    ...DEFAULT_SETTINGS.screenPop,
    allowlist: ['crm.example.com', '*.corp.example'],
    ...screenPop,
  };
  const opener = createExternalOpener(
    { shell: { openExternal: async (url, options) => void opened.push({ url, options }) } },
    {
      screenPop: () => settings,
      logger: {
        info: (message, fields) => logs.push({ message, fields }),
        warn: (message, fields) => logs.push({ message, fields }),
      },
    },
  );
  return { opener, opened, logs, settings };
}

describe('the one door to shell.openExternal', () => {
  it('opens an address the screen-pop policy approves', async () => {
    const { opener, opened } = setup();
    await opener.open('https://crm.example.com/customer?folder=42');
    await opener.open('https://eu.corp.example/x', { multiTab: true });
    expect(opened).toEqual([
      { url: 'https://crm.example.com/customer?folder=42', options: { activate: true } },
      { url: 'https://eu.corp.example/x', options: { activate: true } },
    ]);
  });

  it.each([
    ['javascript:alert(1)', 'scheme'],
    ['file:///C:/Windows/System32/calc.exe', 'scheme'],
    ['smb://crm.example.com/share', 'scheme'],
    ['ms-msdt:/id PCWDiagnostic', 'scheme'],
    ['data:text/html,<script>alert(1)</script>', 'scheme'],
    ['http://crm.example.com/customer', 'http-not-allowed'],
    ['https://evil.example/customer', 'host-not-allowed'],
    ['https://crm.example.com.evil.example/', 'host-not-allowed'],
    ['https://corp.example/', 'host-not-allowed'],
    ['https://user:pw@crm.example.com/', 'credentials'],
    ['https://crm.example.com/\n.evil', 'control-characters'],
    ['not a url', 'unparsable'],
    ['https://crm.example.com/' + 'a'.repeat(2100), 'too-long'],
  ])('refuses %s (%s) and never calls the shell', async (url, reason) => {
    const { opener, opened } = setup();
    await expect(opener.open(url)).rejects.toMatchObject({
      name: 'RefusedUrlError',
      code: 'refused',
      reason,
    });
    expect(opened).toEqual([]);
  });

  it('refuses what is not a string at all', async () => {
    const { opener } = setup();
    await expect(opener.open(42 as unknown as string)).rejects.toBeInstanceOf(RefusedUrlError);
  });

  it('opens http only where the admin allows it', async () => {
    const { opener, opened } = setup({ allowHttp: true });
    await opener.open('http://crm.example.com/customer');
    expect(opened.map((o) => o.url)).toEqual(['http://crm.example.com/customer']);
  });

  it('checks against the settings in force when opening, not when created', async () => {
    const { opener, settings, opened } = setup();
    settings.allowlist = [];
    await expect(opener.open('https://crm.example.com/customer')).rejects.toMatchObject({
      reason: 'host-not-allowed',
    });
    expect(opened).toEqual([]);
  });

  it('logs a refusal without the query, where a token may be', async () => {
    const { opener, logs } = setup();
    await expect(opener.open('https://evil.example/p?token=s3cret&user=bob')).rejects.toThrow();
    expect(JSON.stringify(logs)).not.toContain('s3cret');
    expect(logs[0]).toMatchObject({
      message: 'Refused to open a URL',
      fields: { reason: 'host-not-allowed' },
    });
  });
});

describe('lint keeps it the only door', () => {
  const eslint = new ESLint();
  const problems = async (filePath: string, code: string) =>
    ((await eslint.lintText(code, { filePath }))[0]?.messages ?? []).map((m) => m.message);

  it('flags openExternal anywhere else, even in the Electron host', async () => {
    const code =
      "import { shell } from 'electron';\nexport const go = (u: string) => shell.openExternal(u);\n";
    expect((await problems('main/electron/probe.ts', code)).join('\n')).toContain('external-opener.ts');
    expect((await problems('main/desk/probe.ts', code)).join('\n')).toContain('external-opener.ts');
    expect(await problems('main/electron/external-opener.ts', code)).toEqual([]);
  });

  it('flags ipcRenderer outside the preload', async () => {
    const code = "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n";
    expect((await problems('main/electron/probe.ts', code)).join('\n')).toContain('preload/index.ts only');
    expect((await problems('preload/index.ts', code)).join('\n')).not.toContain('preload/index.ts only');
  });
});
