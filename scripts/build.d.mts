/** Types for scripts/build.mjs, so TypeScript callers (the Electron end-to-end tests) can import it. */
export function build(options?: {
  minify?: boolean;
  renderer?: boolean;
  /** Where the Electron files go; default dist/electron. */
  outdir?: string;
}): Promise<{ main: string; preload: string; renderer: string | null }>;
