#!/usr/bin/env node
// Bundles the renderer (renderer/index.tsx → index.js + index.css) and copies index.html beside it.
// Used by the Electron build, the browser host and the renderer bench; runnable on its own.
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The one description of how the renderer is bundled; the browser host builds in memory from it.
 * @param {{ minify?: boolean }} [options]
 * @returns {import('esbuild').BuildOptions}
 */
export function rendererBuildOptions({ minify = true } = {}) {
  return {
    absWorkingDir: root,
    entryPoints: { index: 'renderer/index.tsx' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    loader: { '.css': 'css' },
    minify,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': minify ? '"production"' : '"development"' },
  };
}

/**
 * @param {{ outdir?: string, minify?: boolean }} [options]
 * @returns {Promise<{ outdir: string, files: string[] }>} absolute outdir and the files written in it
 */
export async function buildRenderer({ outdir = 'dist/renderer', minify = true } = {}) {
  const out = resolve(root, outdir);
  await mkdir(out, { recursive: true });
  const result = await esbuild.build({
    ...rendererBuildOptions({ minify }),
    outdir: out,
    sourcemap: minify ? false : 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  await copyFile(join(root, 'renderer/index.html'), join(out, 'index.html'));
  const files = [
    ...Object.keys(result.metafile.outputs).map((file) => resolve(root, file)),
    join(out, 'index.html'),
  ];
  return { outdir: out, files };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outdir = process.argv[2];
  const { files } = await buildRenderer(outdir ? { outdir } : {});
  for (const file of files) console.log(file);
}
