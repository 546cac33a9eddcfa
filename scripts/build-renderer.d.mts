/** Types for scripts/build-renderer.mjs, so TypeScript callers (bench, hosts, tests) can import it. */
import type { BuildOptions } from 'esbuild';

export function rendererBuildOptions(options?: { minify?: boolean }): BuildOptions;
export function buildRenderer(options?: {
  outdir?: string;
  minify?: boolean;
}): Promise<{ outdir: string; files: string[] }>;
