// The architecture's import table is enforced by lint; these cases prove the rules still bite.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('architecture import rules', () => {
  it.each([
    [
      'xuc/probe.ts',
      "import { x } from '../sim/model';\nexport const y = x;\n",
      'xuc may not import sim/model',
    ],
    [
      'xuc/probe.ts',
      "import { x } from '../main/desk/store';\nexport const y = x;\n",
      'xuc may not import main/desk/store',
    ],
    [
      'xuc/probe.ts',
      "import { readFileSync } from 'node:fs';\nexport const y = readFileSync;\n",
      'no Node built-ins',
    ],
    ['xuc/client.ts', "import WebSocket from 'ws';\nexport const y = WebSocket;\n", 'xuc may not use ws'],
    [
      'sim/probe.ts',
      "import { x } from '../main/desk/store';\nexport const y = x;\n",
      'sim may not import main/desk/store',
    ],
    [
      'main/desk/probe.ts',
      "import { x } from '../../sim/index';\nexport const y = x;\n",
      'main/desk may not import sim/index',
    ],
    [
      'main/desk/probe.ts',
      "import { x } from '../web/server';\nexport const y = x;\n",
      'main/desk may not import main/web/server',
    ],
    [
      'main/desk/probe.ts',
      "import { app } from 'electron';\nexport const y = app;\n",
      'main/desk may not use electron',
    ],
    [
      'main/web/probe.ts',
      "import { x } from '../electron/main';\nexport const y = x;\n",
      'main/web may not import main/electron/main',
    ],
    [
      'main/desk/probe.ts',
      "import { x } from '../files/atomic-file';\nexport const y = x;\n",
      'main/desk may not import main/files/atomic-file',
    ],
    [
      'main/files/probe.ts',
      "import { x } from '../desk/store';\nexport const y = x;\n",
      'main/files may not import main/desk/store',
    ],
    [
      'renderer/probe.ts',
      "import { decodeFrame } from '../xuc/wire/decode';\nexport const y = decodeFrame;\n",
      'renderer may not import xuc/wire/decode',
    ],
    [
      'renderer/probe.ts',
      "import { commands } from '../preload/contract';\nexport const y = commands;\n",
      'types only',
    ],
    [
      'preload/contract.ts',
      "import { x } from '../main/desk/store';\nexport const y = x;\n",
      'may not import main',
    ],
    [
      'shared/probe.ts',
      "import { x } from '../main/desk/store';\nexport const y = x;\n",
      'shared may not import main',
    ],
    ['shared/probe.ts', "import { z } from 'zod';\nexport const y = z;\n", 'zod stays out'],
    ['renderer/probe.ts', "import { z } from 'zod';\nexport const y = z;\n", 'zod stays out'],
    [
      'shared/probe.ts',
      "import { readFileSync } from 'node:fs';\nexport const y = readFileSync;\n",
      'no Node built-ins',
    ],
    [
      'shared/probe.ts',
      "import { SettingsSchema } from '../preload/contract';\nexport const y = SettingsSchema;\n",
      'types only',
    ],
    [
      'xuc/probe.ts',
      "import { applyPatch } from '../shared/patch';\nexport const y = applyPatch;\n",
      'xuc may not import shared',
    ],
    [
      'main/desk/probe.ts',
      'export const open = (s: { openExternal(u: string): void }) => s.openExternal("x");\n',
      'external-opener.ts',
    ],
    [
      'renderer/probe.ts',
      'declare const ipcRenderer: unknown;\nexport const y = ipcRenderer;\n',
      'preload/index.ts only',
    ],
    // Relative paths that reach another zone by a detour, a dynamic import or a built-in: the rule
    // resolves each path first, so none of these slips through the way it did with text patterns.
    [
      'main/desk/probe.ts',
      "import { x } from '../../main/electron/ipc';\nexport const y = x;\n",
      'main/desk may not import main/electron/ipc',
    ],
    [
      'main/desk/probe.ts',
      "import { startWebHost } from '../../main/web/server';\nexport const y = startWebHost;\n",
      'main/desk may not import main/web/server',
    ],
    [
      'main/desk/probe.ts',
      "export { startWebHost } from '../../main/web/server';\n",
      'main/desk may not import main/web/server',
    ],
    [
      'main/desk/probe.ts',
      "export const load = () => import('../../sim/index');\n",
      'main/desk loads nothing at run time',
    ],
    [
      'main/desk/probe.ts',
      "export const load = () => import('../../sim/index');\n",
      'main/desk may not import sim/index',
    ],
    [
      'main/desk/probe.ts',
      "import { readFileSync } from 'node:fs';\nexport const y = readFileSync;\n",
      'no Node built-ins (node:fs)',
    ],
    ['main/desk/probe.ts', "import { join } from 'path';\nexport const y = join;\n", 'no Node built-ins'],
    [
      'main/desk/probe.ts',
      "// eslint-disable-next-line @typescript-eslint/no-require-imports\nexport const fs = require('fs');\n",
      'no dynamic import or require',
    ],
    ['main/desk/probe.ts', 'export const home = process.env.HOME;\n', 'no Node globals'],
    [
      'main/desk/probe.ts',
      "import type { Server } from '../web/server';\nexport type S = Server;\n",
      'main/desk may not import main/web/server',
    ],
    [
      'renderer/probe.ts',
      "export const load = () => import('../xuc/client');\n",
      'renderer may not import xuc/client',
    ],
    [
      'renderer/probe.ts',
      "export type C = typeof import('../xuc/client');\n",
      'renderer may not import xuc/client',
    ],
    [
      'xuc/probe.ts',
      "import { x } from '../xuc/../sim/model';\nexport const y = x;\n",
      'xuc may not import sim/model',
    ],
    ['xuc/probe.ts', "import { x } from '../../elsewhere';\nexport const y = x;\n", 'outside the repository'],
    // Every package is classified by where it runs; an unknown or undeclared one is an error.
    ['xuc/probe.ts', "import pino from 'pino';\nexport const y = pino;\n", 'Unknown package pino'],
    ['test/probe.ts', "import left from 'left-pad';\nexport const y = left;\n", 'Unknown package left-pad'],
    ['renderer/probe.ts', "import WebSocket from 'ws';\nexport const y = WebSocket;\n", 'node runtime'],
    ['main/desk/probe.ts', "import { h } from 'preact';\nexport const y = h;\n", 'browser runtime'],
    ['sim/probe.ts', "import { app } from 'electron';\nexport const y = app;\n", 'electron runtime'],
    ['main/web/probe.ts', "import { app } from 'electron';\nexport const y = app;\n", 'electron runtime'],
    [
      'main/electron/probe.ts',
      "import { describe } from 'vitest';\nexport const y = describe;\n",
      'dev runtime',
    ],
    ['preload/contract.ts', "import WebSocket from 'ws';\nexport const y = WebSocket;\n", 'may not use ws'],
    ['xuc/probe.ts', "export * from '../sim/model';\n", 'xuc may not import sim/model'],
    ['preload/index.ts', "import { z } from 'zod';\nexport const y = z;\n", 'may not use zod'],
    [
      'preload/index.ts',
      "import { commands } from './contract';\nexport const y = commands;\n",
      'preload/index.ts may not import preload/contract (preload/contract.ts) (types only)',
    ],
    // One door for ipcMain, as for ipcRenderer and openExternal.
    [
      'main/electron/probe.ts',
      "import { ipcMain } from 'electron';\nipcMain.on('x', () => {});\n",
      'main/electron/ipc.ts only',
    ],
  ])('%s: refuses %s', async (file, code, expected) => {
    const found = await problems(file, code);
    expect(found.join('\n')).toContain(expected);
  });

  it.each([
    [
      'main/desk/probe.ts',
      "import { decodeFrame } from '../../xuc/wire/decode';\nimport type { Settings } from '../../preload/contract';\nexport const y = decodeFrame;\nexport type S = Settings;\n",
    ],
    [
      'renderer/probe.ts',
      "import type { DeskSnapshot } from '../preload/contract';\nexport type S = DeskSnapshot;\n",
    ],
    [
      'sim/probe.ts',
      "import { parseCommand } from '../xuc/wire/commands';\nexport const y = parseCommand;\n",
    ],
    ['xuc/transport-node.ts', "import WebSocket from 'ws';\nexport const y = WebSocket;\n"],
    ['renderer/probe.ts', "import { applyPatch } from '../shared/patch';\nexport const y = applyPatch;\n"],
    ['main/desk/probe.ts', "import { writeOp } from '../../shared/patch';\nexport const y = writeOp;\n"],
    [
      'shared/probe.ts',
      "import type { DeskPatch } from '../preload/contract';\nexport type P = DeskPatch;\n",
    ],
    [
      'main/electron/probe.ts',
      "import { app } from 'electron';\nimport { x } from '../desk/store';\nexport const y = [app, x];\n",
    ],
    [
      'main/web/probe.ts',
      "import { writeFileAtomic } from '../files/atomic-file';\nexport const y = writeFileAtomic;\n",
    ],
    [
      'main/electron/probe.ts',
      "import { readJsonFile } from '../files/atomic-file';\nexport const y = readJsonFile;\n",
    ],
    ['main/electron/ipc.ts', "import { ipcMain } from 'electron';\nexport const y = ipcMain;\n"],
    ['main/web/probe.ts', "import { join } from 'node:path';\nexport const y = join;\n"],
    ['xuc/probe.ts', "import { x } from './wire/../socket';\nexport const y = x;\n"],
  ])('%s: allows what the table allows', async (file, code) => {
    const found = (await problems(file, code)).filter(
      (p) => p.startsWith('architecture/') || p.includes('restricted'),
    );
    expect(found).toEqual([]);
  });
});
