// The renderer imports the contract as types only and runs `shared/` code: prove on the real
// bundle (not on import text) that none of zod, Node or the desk reaches the page.
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { rendererBuildOptions } from '../../../scripts/build-renderer.mjs';

describe('the renderer bundle', () => {
  it('holds shared/ code but no zod, no desk and no xuc', async () => {
    const result = await esbuild.build({
      ...rendererBuildOptions({ minify: false }),
      outdir: 'unused',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((file) => file.startsWith('shared/'))).toBe(true);
    expect(inputs.filter((file) => /node_modules\/zod\/|^(main|xuc|sim)\//.test(file))).toEqual([]);
  });
});
