// Lint enforces the architecture's "may import" table (docs/architecture.md) and the security bans.
// Import boundaries use ESLint's own no-restricted-imports with regex patterns on the import path:
// no module resolver is needed (the resolver plugins' native bindings break `npm ci` on this npm).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

/** A relative import that reaches into `folder` (e.g. `../sim/x`, `../../main/desk/store`). */
const into = (folder) => `^\\.{1,2}/(\\.\\./)*${folder.replace('/', '\\/')}(/|$)`;

const ELECTRON_PATHS = [
  { name: 'electron', message: 'Only main/electron and preload/index.ts may import electron.' },
  { name: 'electron-store', message: 'Only main/electron may use electron-store.' },
  { name: 'electron-log', message: 'Only main/electron may use electron-log.' },
];
const NODE_BUILTINS = {
  regex: '^(node:.*|fs|fs/promises|path|os|child_process|net|http|https|crypto|stream|url)$',
  message: 'Runs in a browser too: no Node built-ins here.',
};
const NO_WS = { regex: '^ws$', message: 'xuc/ uses ws only in transport-node.ts.' };
const NO_ZOD = { regex: '^zod(/|$)', message: 'zod stays out of the renderer bundle.' };
/** The contract as types only: its zod schemas must not reach the renderer bundle. */
const CONTRACT_TYPES_ONLY = {
  regex: into('preload/contract'),
  allowTypeImports: true,
  message: 'The renderer sees the contract as types only; it talks through window.agentDesk.',
};

/** Folder → [folders it may not import, extra patterns]. Mirrors the table in docs/architecture.md. */
const RULES = {
  xuc: {
    forbid: ['sim', 'main', 'preload', 'shared', 'renderer', 'bench', 'test'],
    extra: [NODE_BUILTINS, NO_WS],
  },
  sim: { forbid: ['main', 'preload', 'shared', 'renderer', 'bench', 'test'] },
  'main/desk': {
    forbid: ['sim', 'web', 'electron', 'files', 'renderer', 'bench', 'test', 'preload/index'],
  },
  'main/files': {
    forbid: ['xuc', 'sim', 'desk', 'web', 'electron', 'preload', 'shared', 'renderer', 'bench', 'test'],
  },
  'main/web': { forbid: ['electron', 'preload/index', 'bench', 'test'] },
  'main/electron': { forbid: ['web', 'renderer', 'bench', 'test'], electronAllowed: true },
  'preload/contract.ts': {
    forbid: ['xuc', 'sim', 'main', 'shared', 'renderer', 'bench', 'test'],
    extra: [NODE_BUILTINS],
  },
  'preload/index.ts': {
    forbid: ['xuc', 'sim', 'main', 'shared', 'renderer', 'bench', 'test'],
    electronAllowed: true,
  },
  // Pure code both sides run (the patch rule, the catalogues): it goes into the renderer bundle.
  shared: {
    forbid: ['xuc', 'sim', 'main', 'renderer', 'bench', 'test', 'preload/index'],
    extra: [NODE_BUILTINS, NO_ZOD, CONTRACT_TYPES_ONLY],
  },
  renderer: {
    forbid: ['xuc', 'sim', 'main', 'bench', 'test', 'preload/index'],
    extra: [NODE_BUILTINS, NO_ZOD, CONTRACT_TYPES_ONLY],
  },
};

function boundaryConfig(folder, { forbid, extra = [], electronAllowed = false }) {
  return {
    files: folder.endsWith('.ts') ? [folder] : [`${folder}/**`],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: electronAllowed ? [] : ELECTRON_PATHS,
          patterns: [
            ...forbid.map((other) => ({ regex: into(other), message: `${folder} may not import ${other}.` })),
            ...extra,
          ],
        },
      ],
    },
  };
}

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
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: ELECTRON_PATHS }],
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
  ...Object.entries(RULES).map(([folder, rule]) => boundaryConfig(folder, rule)),
  {
    // The Node transport is the one xuc file allowed to use `ws`.
    files: ['xuc/transport-node.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: ELECTRON_PATHS, patterns: RULES.xuc.forbid.map((other) => ({ regex: into(other) })) },
      ],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['main/electron/external-opener.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "Identifier[name='ipcRenderer']",
          message: 'ipcRenderer belongs to preload/index.ts only.',
        },
      ],
    },
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
    files: ['test/**', 'bench/**', 'scripts/**', 'build/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  prettier,
);
