// Lint enforces the architecture's "may import" table (docs/architecture.md) and the security bans.
// The import table is checked by a local rule (eslint-rules/boundaries.js) on resolved paths and on
// each package's runtime; no resolver plugin, so nothing native has to come with `npm ci`.
import { readFileSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import boundaries from './eslint-rules/boundaries.js';

const manifest = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/** Every package the code may name, by where it runs. A package missing here is a lint error. */
const PACKAGES = {
  zod: 'universal',
  i18next: 'universal',
  preact: 'browser',
  '@preact/signals': 'browser',
  '@tanstack/virtual-core': 'browser',
  ws: 'node',
  'node-notifier': 'node',
  esbuild: 'node', // the browser host bundles the renderer at start
  kerberos: 'node', // the practice server's SSO loads it on demand (a devDependency)
  electron: 'electron',
  'electron-log': 'electron',
  'electron-store': 'electron',
  'electron-updater': 'electron',
  ...Object.fromEntries(
    [
      '@coursetable/passport-cas',
      '@electron/fuses',
      '@eslint/js',
      '@playwright/test',
      '@testing-library/preact',
      'app-builder-lib',
      'builder-util',
      'electron-builder',
      'eslint',
      'eslint-config-prettier',
      'globals',
      'happy-dom',
      'js-yaml',
      'playwright-core',
      'prettier',
      'tsx',
      'typescript',
      'typescript-eslint',
      'vitest',
    ].map((name) => [name, 'dev']),
  ),
};

const ANYWHERE = ['universal'];
/** zod is universal, but the page must not carry it: the contract's schemas stay on the host side. */
const NO_ZOD = { zod: 'zod stays out of the renderer bundle' };
/**
 * The architecture table (docs/architecture.md), zone by zone. `imports`: folders or files (no
 * extension) the zone may import; `typeOnly`: reachable with `import type` only; `runtimes`: the
 * package runtimes it may use (`node` includes Node built-ins). The most specific zone wins.
 */
const ZONES = [
  { name: 'xuc', paths: ['xuc'], imports: ['xuc'], runtimes: ANYWHERE },
  {
    name: 'xuc/transport-node.ts',
    paths: ['xuc/transport-node'],
    imports: ['xuc'],
    runtimes: [...ANYWHERE, 'node'],
  },
  { name: 'sim', paths: ['sim'], imports: ['sim', 'xuc'], runtimes: [...ANYWHERE, 'node'] },
  {
    name: 'main/desk',
    paths: ['main/desk'],
    imports: ['main/desk', 'xuc', 'preload/contract', 'shared'],
    runtimes: ANYWHERE,
    dynamicImports: false,
  },
  { name: 'main/files', paths: ['main/files'], imports: ['main/files'], runtimes: ['node'] },
  {
    name: 'main/web',
    paths: ['main/web'],
    // `renderer` and the renderer's build script: the host bundles the page at start.
    imports: [
      'main/web',
      'main/desk',
      'main/files',
      'preload/contract',
      'shared',
      'xuc',
      'sim',
      'renderer',
      'scripts/build-renderer',
    ],
    runtimes: [...ANYWHERE, 'node'],
  },
  {
    // The small script the browser host injects into the page.
    name: 'main/web/public',
    paths: ['main/web/public'],
    imports: ['main/web/public', 'main/web/protocol', 'shared/patch'],
    typeOnly: ['preload/contract'],
    runtimes: ANYWHERE,
    forbidPackages: NO_ZOD,
  },
  {
    name: 'main/electron',
    paths: ['main/electron'],
    imports: ['main/electron', 'main/desk', 'main/files', 'preload/contract', 'shared', 'xuc', 'sim'],
    runtimes: [...ANYWHERE, 'node', 'electron'],
  },
  { name: 'preload/contract.ts', paths: ['preload/contract'], imports: [], runtimes: ANYWHERE },
  {
    name: 'preload/index.ts',
    paths: ['preload/index'],
    imports: [],
    typeOnly: ['preload/contract'],
    runtimes: ['electron'],
  },
  {
    // Pure code both sides run (the patch rule, the catalogue): it goes into the renderer bundle.
    name: 'shared',
    paths: ['shared'],
    imports: ['shared'],
    typeOnly: ['preload/contract'],
    runtimes: ANYWHERE,
    forbidPackages: NO_ZOD,
  },
  {
    name: 'renderer',
    paths: ['renderer'],
    imports: ['renderer', 'shared'],
    typeOnly: ['preload/contract'],
    runtimes: [...ANYWHERE, 'browser'],
    forbidPackages: NO_ZOD,
  },
  {
    name: 'tooling',
    paths: [
      'test',
      'bench',
      'scripts',
      'build',
      'eslint-rules',
      'eslint.config',
      'vitest.config',
      'playwright.config',
    ],
    imports: ['*'],
    runtimes: ['universal', 'browser', 'node', 'electron', 'dev'],
  },
];

/** Globals that exist only in Node (or only in a page): the zones that run elsewhere may not use them. */
const NODE_GLOBALS = [
  'process',
  'Buffer',
  'require',
  'module',
  'exports',
  '__dirname',
  '__filename',
  'global',
  'setImmediate',
  'clearImmediate',
].map((name) => ({ name, message: 'Runs outside Node: no Node globals here.' }));
const PAGE_GLOBALS = ['window', 'document', 'navigator', 'localStorage'].map((name) => ({
  name,
  message: 'Runs outside a page: no DOM globals here.',
}));

/** Each dangerous API has one door: the file named in `door` is the only one that may touch it. */
const SECURITY_BANS = [
  {
    door: 'main/electron/external-opener.ts',
    selector: "MemberExpression[property.name='openExternal']",
    message: 'Open URLs only through main/electron/external-opener.ts, behind the screen-pop policy.',
  },
  {
    door: 'preload/index.ts',
    selector: "Identifier[name='ipcRenderer']",
    message: 'ipcRenderer belongs to preload/index.ts only.',
  },
  {
    // As GitHub Desktop's ipc-main wrapper: every channel is registered (and its sender checked) there.
    door: 'main/electron/ipc.ts',
    product: true,
    selector: "Identifier[name='ipcMain']",
    message: 'ipcMain belongs to main/electron/ipc.ts only: register handlers through it.',
  },
];
const PRODUCT = ['xuc/**', 'sim/**', 'main/**', 'preload/**', 'shared/**', 'renderer/**'];
const bans = (keep) => [
  'error',
  ...SECURITY_BANS.filter(keep).map(({ selector, message }) => ({ selector, message })),
];
const securityConfigs = [
  { rules: { 'no-restricted-syntax': bans((ban) => !ban.product) } },
  { files: PRODUCT, rules: { 'no-restricted-syntax': bans(() => true) } },
  ...SECURITY_BANS.map((door) => ({
    files: [door.door],
    rules: { 'no-restricted-syntax': bans((ban) => ban !== door) },
  })),
];

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
    plugins: { architecture: { rules: { boundaries } } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'architecture/boundaries': [
        'error',
        {
          root: import.meta.dirname,
          zones: ZONES,
          packages: PACKAGES,
          declared: Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }),
        },
      ],
    },
  },
  ...securityConfigs,
  {
    files: ['xuc/**', 'main/desk/**', 'preload/contract.ts', 'shared/**'],
    ignores: ['xuc/transport-node.ts'],
    rules: { 'no-restricted-globals': ['error', ...NODE_GLOBALS, ...PAGE_GLOBALS] },
  },
  {
    files: ['renderer/**', 'main/web/public/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-globals': ['error', ...NODE_GLOBALS] },
  },
  {
    files: ['test/**', 'bench/**', 'scripts/**', 'build/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  prettier,
);
