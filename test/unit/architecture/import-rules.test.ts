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
    ['xuc/probe.ts', "import { x } from '../sim/model';\nexport const y = x;\n", 'xuc may not import sim'],
    [
      'xuc/probe.ts',
      "import { x } from '../main/desk/store';\nexport const y = x;\n",
      'xuc may not import main',
    ],
    [
      'xuc/probe.ts',
      "import { readFileSync } from 'node:fs';\nexport const y = readFileSync;\n",
      'no Node built-ins',
    ],
    ['xuc/client.ts', "import WebSocket from 'ws';\nexport const y = WebSocket;\n", 'transport-node.ts'],
    [
      'sim/probe.ts',
      "import { x } from '../main/desk/store';\nexport const y = x;\n",
      'sim may not import main',
    ],
    [
      'main/desk/probe.ts',
      "import { x } from '../../sim/index';\nexport const y = x;\n",
      'main/desk may not import sim',
    ],
    [
      'main/desk/probe.ts',
      "import { x } from '../web/server';\nexport const y = x;\n",
      'main/desk may not import web',
    ],
    ['main/desk/probe.ts', "import { app } from 'electron';\nexport const y = app;\n", 'Only main/electron'],
    [
      'main/web/probe.ts',
      "import { x } from '../electron/main';\nexport const y = x;\n",
      'main/web may not import electron',
    ],
    [
      'main/desk/probe.ts',
      "import { x } from '../files/atomic-file';\nexport const y = x;\n",
      'main/desk may not import files',
    ],
    [
      'main/files/probe.ts',
      "import { x } from '../desk/store';\nexport const y = x;\n",
      'main/files may not import desk',
    ],
    [
      'renderer/probe.ts',
      "import { decodeFrame } from '../xuc/wire/decode';\nexport const y = decodeFrame;\n",
      'renderer may not import xuc',
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
  ])('%s: allows what the table allows', async (file, code) => {
    const found = (await problems(file, code)).filter((p) => p.includes('restricted'));
    expect(found).toEqual([]);
  });
});
