// Lint enforces the architecture's "may import" table (docs/architecture.md) and the security bans.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const ALL = ['xuc', 'sim', 'main/desk', 'main/web', 'main/electron', 'preload', 'renderer', 'test', 'bench'];
/** Folder → folders it may import from (besides itself and npm packages). */
const MAY_IMPORT = {
  xuc: [],
  sim: ['xuc'],
  'main/desk': ['xuc', 'preload/contract.ts'],
  'main/web': ['main/desk', 'preload/contract.ts', 'xuc', 'sim', 'renderer'],
  'main/electron': ['main/desk', 'preload/contract.ts', 'xuc', 'sim'],
  renderer: ['preload/contract.ts'],
};

function zonesFor(folder) {
  const allowed = new Set([folder, ...MAY_IMPORT[folder]]);
  const zones = ALL.filter(
    (other) => !allowed.has(other) && !folder.startsWith(other) && !other.startsWith(folder),
  )
    .filter((other) => ![...allowed].some((a) => a.startsWith(other + '/')))
    .map((other) => ({
      target: `./${folder}`,
      from: `./${other}`,
      message: `${folder} may not import ${other}.`,
    }));
  // `preload/` as a whole is closed except the contract file.
  if (!allowed.has('preload') && folder !== 'preload') {
    zones.push({
      target: `./${folder}`,
      from: './preload',
      except: allowed.has('preload/contract.ts') ? ['./contract.ts'] : [],
      message: `${folder} may import only preload/contract.ts from preload/.`,
    });
  }
  if (folder === 'main/desk') {
    zones.push({ target: './main/desk', from: './main/web', message: 'main/desk may not import hosts.' });
    zones.push({
      target: './main/desk',
      from: './main/electron',
      message: 'main/desk may not import hosts.',
    });
  }
  if (folder === 'main/web') {
    zones.push({ target: './main/web', from: './main/electron', message: 'hosts are independent.' });
  }
  if (folder === 'main/electron') {
    zones.push({ target: './main/electron', from: './main/web', message: 'hosts are independent.' });
  }
  return zones;
}

const electronBan = {
  paths: [
    { name: 'electron', message: 'Only main/electron and preload/index.ts may import electron.' },
    { name: 'electron-store', message: 'Only main/electron may use electron-store.' },
    { name: 'electron-log', message: 'Only main/electron may use electron-log.' },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'release',
      'test-results',
      'playwright-report',
      'test/e2e/screenshots',
      '.reports',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: ['tsconfig.node.json', 'tsconfig.web.json'] }),
      ],
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-restricted-paths': [
        'error',
        { zones: Object.keys(MAY_IMPORT).flatMap((folder) => zonesFor(folder)) },
      ],
      'no-restricted-imports': ['error', electronBan],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='openExternal']",
          message: 'Open URLs only through main/electron/external-opener.ts, behind the screen-pop policy.',
        },
        {
          selector: "Identifier[name='ipcRenderer']",
          message: 'ipcRenderer belongs to preload/index.ts only.',
        },
      ],
    },
  },
  {
    files: ['xuc/**', 'preload/contract.ts', 'renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...electronBan,
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'https'],
              message: 'Runs in a browser too: no Node built-ins here.',
            },
          ],
        },
      ],
    },
  },
  {
    // The Node transport is the one xuc file allowed to use `ws`.
    files: ['xuc/transport-node.ts'],
    rules: { 'no-restricted-imports': ['error', electronBan] },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/preload/contract', '**/preload/contract.ts'],
              allowTypeImports: true,
              message: 'The renderer sees the contract as types only; it talks through window.agentDesk.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/electron/**', 'preload/index.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['main/electron/external-opener.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['preload/index.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='openExternal']",
          message: 'Open URLs only through main/electron/external-opener.ts.',
        },
      ],
    },
  },
  {
    files: ['test/**', 'bench/**'],
    rules: { 'import-x/no-restricted-paths': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  prettier,
);
