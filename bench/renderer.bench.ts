/**
 * The supervisor view under load, in Chromium: 2,000 agents and 1,000 state events a second for
 * 10 s, pushed through a synthetic `window.agentDesk` into the built renderer.
 *
 * Measured in the page (bench/renderer-page.js): long tasks (> 50 ms), and for each event aimed at
 * a row on screen, the time from the event reaching the page to its row showing the new state in a
 * painted frame. Baseline, same run, same event stream: the visible rows as bare DOM, each event
 * written straight into its row — the floor any UI pays to get a change on screen.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { buildRenderer } from '../scripts/build-renderer.mjs';
import type { BenchRow, BenchSuite } from './harness';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/support/chromium';

const SECONDS = 10;
const RATE = 1000;

interface PageFigures {
  events: number;
  measured: number;
  superseded: number;
  p50: number;
  p95: number;
  max: number;
  longTasks: number;
  longestTask: number;
  fps: number;
  watched: number;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Serves the built renderer on 127.0.0.1, plus an empty page for the baseline. */
async function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer(async (request, response) => {
    const path = normalize(new URL(request.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    if (path === 'blank.html') {
      response
        .writeHead(200, { 'content-type': TYPES['.html']! })
        .end('<!doctype html><title>baseline</title>');
      return;
    }
    try {
      const body = await readFile(join(dir, path || 'index.html'));
      response.writeHead(200, {
        'content-type': TYPES[extname(path || '.html')] ?? 'application/octet-stream',
      });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { server, url: `http://127.0.0.1:${address.port}` };
}

async function runIn(page: Page, options: { mode: 'app' | 'plain'; rows: number }): Promise<PageFigures> {
  return (await page.evaluate(
    `window.__bench.run(${JSON.stringify({ ...options, seconds: SECONDS, rate: RATE })})`,
  )) as PageFigures;
}

export const suite: BenchSuite = {
  name: 'renderer',
  async run(): Promise<BenchRow[]> {
    const outdir = await mkdtemp(join(tmpdir(), 'agent-desk-bench-'));
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const { server, url } = await serve((await buildRenderer({ outdir, minify: true })).outdir);
    try {
      const harness = await readFile(new URL('./renderer-page.js', import.meta.url), 'utf8');
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addInitScript({ content: harness });

      const app = await context.newPage();
      await app.goto(`${url}/index.html`);
      await app.getByRole('button', { name: 'Team', exact: true }).click();
      await app.locator('[data-testid=agent-row]').first().waitFor();
      const ours = await runIn(app, { mode: 'app', rows: 0 });
      await app.close();

      const blank = await context.newPage();
      await blank.goto(`${url}/blank.html`);
      const plain = await runIn(blank, { mode: 'plain', rows: ours.watched });
      await blank.close();

      const note = `${ours.events} events, ${ours.measured} on-screen measured, ${ours.watched} rows watched`;
      process.stderr.write(
        `bench: renderer: ${note}; p50 ${ours.p50.toFixed(1)} ms (plain ${plain.p50.toFixed(1)})\n`,
      );
      return [
        {
          suite: 'renderer',
          case: 'supervisor 2,000 agents, 1,000 ev/s: long tasks > 50 ms',
          value: ours.longTasks,
          unit: 'tasks',
          baseline: { label: 'plain DOM loop', value: plain.longTasks },
          aim: '0',
        },
        {
          suite: 'renderer',
          case: 'supervisor: p95 event → row on screen',
          value: ours.p95,
          unit: 'ms',
          baseline: { label: 'plain DOM loop', value: plain.p95 },
          ratio: plain.p95 / ours.p95,
          aim: '< 16 ms',
        },
        {
          suite: 'renderer',
          case: 'supervisor: max event → row on screen',
          value: ours.max,
          unit: 'ms',
          baseline: { label: 'plain DOM loop', value: plain.max },
          ratio: plain.max / ours.max,
        },
        {
          suite: 'renderer',
          case: 'supervisor: frames drawn',
          value: ours.fps,
          unit: 'fps',
          baseline: { label: 'plain DOM loop', value: plain.fps },
          ratio: ours.fps / plain.fps,
          aim: '≈ display rate',
        },
      ];
    } finally {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      await rm(outdir, { recursive: true, force: true });
    }
  },
};
