/**
 * What the browser host serves, held in memory: the renderer (built from `renderer/index.tsx` with
 * esbuild at start when the sources are there, else taken from `dist/renderer`, else a minimal page
 * that proves the bridge), and the bridge script, injected before the renderer's own script.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { rendererBuildOptions } from '../../scripts/build-renderer.mjs';

export interface Asset {
  body: Buffer;
  type: string;
}

export interface Assets {
  /** `/index.html`, `/index.js`, … ; undefined when there is no such file. */
  get(path: string): Asset | undefined;
  readonly source: 'sources' | 'dist' | 'minimal';
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

export const BRIDGE_SCRIPT = '/bridge-client.js';

let bridgeBuild: Promise<Buffer> | null = null;
let rendererBuild: Promise<Map<string, Buffer>> | null = null;

/** The bridge script for the page (cached: hosts started in one process share it). */
export function bridgeScript(): Promise<Buffer> {
  bridgeBuild ??= esbuild
    .build({
      absWorkingDir: ROOT,
      entryPoints: ['main/web/public/bridge-entry.ts'],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'chrome120',
      write: false,
      logLevel: 'silent',
    })
    .then((result) => Buffer.from(result.outputFiles[0]!.contents));
  return bridgeBuild;
}

function buildRendererInMemory(): Promise<Map<string, Buffer>> {
  const outdir = join(ROOT, '.web-build');
  rendererBuild ??= esbuild
    .build({
      ...rendererBuildOptions({ minify: false }),
      outdir,
      write: false,
      logLevel: 'silent',
    })
    .then(async (result) => {
      const files = new Map<string, Buffer>();
      for (const file of result.outputFiles) {
        files.set('/' + relative(outdir, file.path).split(sep).join('/'), Buffer.from(file.contents));
      }
      files.set('/index.html', await readFile(join(ROOT, 'renderer', 'index.html')));
      return files;
    });
  return rendererBuild;
}

async function readDir(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    files.set('/' + relative(dir, full).split(sep).join('/'), await readFile(full));
  }
  return files;
}

const MINIMAL_PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Agent Desk (bridge check)</title>
    <script type="module" src="./minimal.js"></script>
  </head>
  <body>
    <h1>Agent Desk</h1>
    <p>The renderer is not built here; this page proves the bridge.</p>
    <p>Connection: <output id="connection">…</output></p>
  </body>
</html>
`;

const MINIMAL_SCRIPT = `const out = document.getElementById('connection');
const show = (s) => { out.textContent = s && s.connection ? s.connection.state : 'unknown'; };
window.agentDesk.on('desk:snapshot', show);
window.agentDesk.on('desk:patch', () => window.agentDesk.invoke('desk:getSnapshot', {}).then((r) => r.ok && show(r.value)));
`;

/** The page's HTML with the bridge script loaded first. */
export function injectBridge(html: string): string {
  const tag = `<script src=".${BRIDGE_SCRIPT}"></script>`;
  const firstScript = html.search(/<script\b/i);
  if (firstScript >= 0) return html.slice(0, firstScript) + tag + '\n    ' + html.slice(firstScript);
  return html.replace(/<\/head>/i, `    ${tag}\n  </head>`);
}

export interface AssetOptions {
  /** 'auto' (sources, then dist/renderer, then minimal), or force one. */
  renderer?: 'auto' | 'sources' | 'dist' | 'minimal';
  /** A built renderer folder (default dist/renderer). */
  distDir?: string;
}

export async function loadAssets(options: AssetOptions = {}): Promise<Assets> {
  const mode = options.renderer ?? 'auto';
  const distDir = options.distDir ?? join(ROOT, 'dist', 'renderer');
  let files: Map<string, Buffer>;
  let source: Assets['source'];
  if ((mode === 'auto' || mode === 'sources') && existsSync(join(ROOT, 'renderer', 'index.tsx'))) {
    files = new Map(await buildRendererInMemory());
    source = 'sources';
  } else if ((mode === 'auto' || mode === 'dist') && existsSync(join(distDir, 'index.html'))) {
    files = await readDir(distDir);
    source = 'dist';
  } else {
    files = new Map([
      ['/index.html', Buffer.from(MINIMAL_PAGE)],
      ['/minimal.js', Buffer.from(MINIMAL_SCRIPT)],
    ]);
    source = 'minimal';
  }
  files.set('/index.html', Buffer.from(injectBridge(files.get('/index.html')!.toString('utf8'))));
  files.set(BRIDGE_SCRIPT, await bridgeScript());
  return {
    source,
    get(path) {
      const name = path === '/' ? '/index.html' : path;
      const body = files.get(name);
      if (!body) return undefined;
      return { body, type: TYPES[extname(name)] ?? 'application/octet-stream' };
    },
  };
}
