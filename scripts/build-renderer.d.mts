/** Types for scripts/build-renderer.mjs, so TypeScript callers (bench, hosts, tests) can import it. */
export function buildRenderer(options?: {
  outdir?: string;
  minify?: boolean;
}): Promise<{ outdir: string; files: string[] }>;
