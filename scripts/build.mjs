#!/usr/bin/env node
// `npm run build`: bundles the desktop app into dist/.
//   dist/electron/main.cjs     the main process (main/electron/main.ts; only `electron` and `kerberos` stay external)
//   dist/electron/preload.cjs  the sandboxed preload (a sandboxed preload cannot require files)
//   dist/electron/tray/        the tray icons (from build/tray)
//   dist/renderer/             the renderer (scripts/build-renderer.mjs)
import { cp, mkdir, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * @param {{ minify?: boolean, renderer?: boolean, outdir?: string }} [options] `outdir`: where the
 *   Electron files go (default dist/electron; tests build elsewhere)
 * @returns {Promise<{ main: string, preload: string, renderer: string | null }>}
 */
export async function build({
  minify = false,
  renderer = true,
  outdir = join(root, 'dist', 'electron'),
} = {}) {
  const out = resolve(root, outdir);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    // `kerberos` (a native binding) is loaded only by the practice server's SSO, which the app never turns on.
    external: ['electron', 'kerberos'],
    minify,
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
  };
  await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: ['main/electron/main.ts'],
      outfile: join(out, 'main.cjs'),
    }),
    esbuild.build({
      ...common,
      entryPoints: ['preload/index.ts'],
      outfile: join(out, 'preload.cjs'),
      platform: 'browser',
      target: 'chrome120',
    }),
  ]);
  await cp(join(root, 'build', 'tray'), join(out, 'tray'), { recursive: true });
  await cp(join(root, 'build', 'icons', '256x256.png'), join(out, 'icon.png'));

  let rendererDir = null;
  if (renderer) {
    const script = join(root, 'scripts', 'build-renderer.mjs');
    const { buildRenderer } = await import(pathToFileURL(script).href);
    rendererDir = (await buildRenderer({ outdir: 'dist/renderer', minify })).outdir;
  }
  return { main: join(out, 'main.cjs'), preload: join(out, 'preload.cjs'), renderer: rendererDir };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await build({ minify: process.argv.includes('--minify') });
  console.log(
    `build: ${result.main}\nbuild: ${result.preload}\nbuild: ${result.renderer ?? '(no renderer)'}`,
  );
}
