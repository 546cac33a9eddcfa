import { defineConfig } from 'vitest/config';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/unit/**/*.test.ts'],
          exclude: ['test/unit/renderer/**'],
          // Processed by Vitest rather than Node, so a test's vi.mock('electron') reaches its
          // `import electron from 'electron'`: the real electron-store runs in Node with Electron faked.
          server: { deps: { inline: ['electron-store'] } },
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['test/unit/renderer/**/*.test.{ts,tsx}'],
        },
      },
    ],
    testTimeout: 15_000,
    // Polls wait on real servers over real sockets, on a CPU shared with other jobs.
    expect: { poll: { timeout: 5_000 } },
  },
});
