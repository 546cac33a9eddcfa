/**
 * End-to-end fixtures: the browser host started in this process on 127.0.0.1 (port 0) with its
 * practice server, a page opened on the host's one-time URL, the practice server's control API,
 * and a helper that saves a screenshot in both themes.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebHost, type WebHost } from '../../../main/web/server';
import type { Logger } from '../../../main/desk/ports';
import { DeskPage } from './pages/desk-page';
import { HomePage } from './pages/home-page';
import { SignInPage, type Credentials } from './pages/sign-in-page';

export const SCREENSHOTS = join('test', 'e2e', 'screenshots');
export const PRACTICE_PASSWORD = 'practice';
/** Alice: a NoRight agent on line 1001, in the Sales and VIP queues. */
export const ALICE: Credentials = { login: 'alice', password: PRACTICE_PASSWORD, phone: '1001' };
/** Hugo has no profile (so he is treated as Admin) and an agent: he sees every screen. */
export const HUGO: Credentials = { login: 'hugo', password: PRACTICE_PASSWORD, phone: '1008' };

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export async function startHost(options: {
  practice: boolean;
}): Promise<{ host: WebHost; stop(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'agent-desk-e2e-'));
  const host = await startWebHost({
    port: 0,
    practice: options.practice,
    dataDir,
    logger: quiet,
    autoSignIn: false,
  });
  return {
    host,
    async stop() {
      await host.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the desk the way a user does: the one-time URL is exchanged for the session cookie, then
 * the page loads. (The host currently answers `/` with a generic content type, which Chromium
 * downloads instead of showing; `/index.html` is the same page with the right type.)
 */
export async function openDesk(page: Page, host: WebHost): Promise<void> {
  const exchange = await page.request.get(host.url, { maxRedirects: 0 });
  expect(exchange.status()).toBe(303);
  await page.goto(`${host.origin}/index.html`);
}

/** The practice server's /sim/ control API, over HTTP on 127.0.0.1. */
export class Control {
  constructor(readonly baseUrl: string) {}

  private async post(path: string, body: unknown): Promise<Record<string, unknown>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  }

  async placeCall(call: {
    queueName: string;
    callerNumber: string;
    callerName?: string;
    variables?: Record<string, string>;
  }): Promise<string> {
    return (await this.post('/sim/calls', call)).callId as string;
  }

  async answer(callId: string): Promise<void> {
    await this.post(`/sim/calls/${encodeURIComponent(callId)}/answer`, {});
  }

  async hangup(callId: string): Promise<void> {
    await this.post(`/sim/calls/${encodeURIComponent(callId)}/hangup`, {});
  }

  async state(): Promise<Record<string, unknown>> {
    const response = await fetch(`${this.baseUrl}/sim/state`);
    return (await response.json()) as Record<string, unknown>;
  }
}

/** Saves `name-light.png` and `name-dark.png` (the app follows the system theme by default). */
export async function screenshotBothThemes(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${colorScheme}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

interface Fixtures {
  host: WebHost;
  control: Control;
  desk: DeskPage;
  signIn: SignInPage;
  home: HomePage;
  /** Opens the host, signs in (practice server) and waits for the agent to be Ready. */
  signedIn: (credentials: Credentials) => Promise<void>;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const started = await startHost({ practice: true });
    await use(started.host);
    await started.stop();
  },
  control: async ({ host }, use) => {
    const practice = host.practice();
    if (!practice) throw new Error('the host did not start its practice server');
    await use(new Control(practice.baseUrl));
  },
  desk: async ({ page }, use) => use(new DeskPage(page)),
  signIn: async ({ page }, use) => use(new SignInPage(page)),
  home: async ({ page }, use) => use(new HomePage(page)),
  signedIn: async ({ page, host, signIn, desk, home }, use) => {
    await use(async (credentials) => {
      await openDesk(page, host);
      await signIn.signIn(credentials);
      await expect(desk.nav).toBeVisible();
      await expect(home.state).toHaveAttribute('data-state', 'AgentReady');
    });
  },
});

export { expect };
