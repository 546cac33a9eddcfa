/**
 * Kerberos single sign-on in Debian's Chromium against the practice server and a real KDC
 * (test/support/kdc.ts): Chromium answers the server's `WWW-Authenticate: Negotiate` itself, from the
 * credential cache that kinit filled, only for hosts on its allowlist, as on a domain-joined
 * workstation. The page calls xuc's own loginWithSso, as the desk's sign-in does.
 */
import { chromium, expect, test, type BrowserContext } from '@playwright/test';
import { rm } from 'node:fs/promises';
import { startPracticeServer, type PracticeServer } from '../../../sim/index';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../support/chromium';
import { negotiateArgs, negotiateReadyProfile } from '../../support/chromium-profile';
import { startRealm, type Realm } from '../../support/kdc';

const ALICE = 'alice-domain-password';

let realm: Realm;
let sim: PracticeServer;
test.beforeAll(async () => {
  realm = await startRealm();
  realm.addPrincipal('alice', ALICE);
  sim = await startPracticeServer({
    port: 0,
    sso: { keytab: realm.keytab, servicePrincipal: realm.servicePrincipal },
    cas: {},
  });
});
test.afterAll(async () => {
  await sim?.close();
  await realm?.stop();
});

/**
 * In a fresh Negotiate-ready Chromium with Kerberos allowed for `allowlist`, from a page of the
 * server's own origin, GET auth/sso the way a browser client does.
 */
async function ssoFromChromium(allowlist: string[], origin = `http://localhost:${sim.port}`) {
  const profile = await negotiateReadyProfile();
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...negotiateArgs(allowlist)],
    env: { ...process.env, ...realm.env },
  });
  try {
    return await ssoFromPage(context, origin);
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}

async function ssoFromPage(context: BrowserContext, origin: string) {
  const page = await context.newPage();
  // Any page of that origin without a CSP (the CAS login page allows no fetch): its 404 will do.
  await page.goto(`${origin}/`);
  return page.evaluate(async () => {
    const response = await fetch('/xuc/api/2.0/auth/sso', { credentials: 'include' });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  });
}

test('signed in with the ticket: Chromium negotiates for an allowlisted host', async () => {
  realm.kinit('alice', ALICE);
  const reply = await ssoFromChromium(['localhost']);
  expect(reply.status).toBe(200);
  expect(reply.body['login']).toBe('alice');
  expect(typeof reply.body['token']).toBe('string');
});

test('refused with no ticket', async () => {
  realm.kdestroy();
  const reply = await ssoFromChromium(['localhost']);
  expect(reply.status).toBe(401);
  expect(reply.body['error']).toBe('SsoAuthenticationFailed');
});

test('refused for a host that is not on the allowlist', async () => {
  realm.kinit('alice', ALICE);
  const reply = await ssoFromChromium(['desk.example.com']);
  expect(reply.status).toBe(401);
  expect(reply.body['error']).toBe('SsoAuthenticationFailed');
});
