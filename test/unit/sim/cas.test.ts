/**
 * The practice CAS server (CAS protocol 3.0), checked by an independent CAS client library
 * (@coursetable/passport-cas, a Passport strategy driven here without Express), and xuc's CAS
 * sign-in GET /xuc/api/2.0/auth/cas.
 */
import { Strategy as CasStrategy } from '@coursetable/passport-cas';
import { describe, expect, it } from 'vitest';
import { getJson, startSim } from './support';

const AUTH_CAS = '/xuc/api/2.0/auth/cas';

/** What the strategy decided: Passport's success / fail / error / redirect, as one value. */
type Outcome =
  | { kind: 'success'; user: { user: string; attributes?: Record<string, unknown> } }
  | { kind: 'fail' | 'error' | 'redirect'; detail: string };

/** The independent client, for a service at `serviceBase + path`. */
function casClient(casBase: string, serviceBase: string) {
  const strategy = new CasStrategy(
    { version: 'CAS3.0', ssoBaseURL: casBase, serverBaseURL: serviceBase },
    (login, done) => done(null, login),
  );
  return (path: string, ticket?: string) =>
    new Promise<Outcome>((resolve) => {
      const hooks = strategy as unknown as Record<string, (value: unknown) => void>;
      hooks['success'] = (user) => resolve({ kind: 'success', user: user as { user: string } });
      hooks['fail'] = (info) => resolve({ kind: 'fail', detail: String(info) });
      hooks['error'] = (error) => {
        const cause = (error as Error).cause as Error | undefined;
        resolve({ kind: 'error', detail: `${(error as Error).message}: ${cause?.message ?? ''}` });
      };
      hooks['redirect'] = (url) => resolve({ kind: 'redirect', detail: String(url) });
      const url = ticket === undefined ? path : `${path}?ticket=${ticket}`;
      const req = { query: ticket === undefined ? {} : { ticket }, url, originalUrl: url, headers: {} };
      strategy.authenticate(req as never, { copyQueryParameters: false });
    });
}

/** Signs in on the CAS login form; resolves with where CAS sends the browser (303 Location). */
async function casLogin(casBase: string, service: string, login = 'alice', password = 'practice') {
  const page = await fetch(`${casBase}/login?service=${encodeURIComponent(service)}`);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('<form method="post" action="/cas/login">');
  expect(html).toContain('name="password"');
  const response = await fetch(`${casBase}/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ service, username: login, password }).toString(),
    redirect: 'manual',
  });
  return { status: response.status, location: response.headers.get('location'), html: await response.text() };
}

function ticketOf(location: string | null): string {
  const ticket = new URL(location ?? 'http://x/').searchParams.get('ticket');
  if (!ticket) throw new Error(`no ticket in ${location}`);
  return ticket;
}

describe('the practice CAS server, checked by an independent CAS client', () => {
  it('sends a client without a ticket to /cas/login with its service', async () => {
    const { baseUrl } = await startSim({ cas: {} });
    const client = casClient(`${baseUrl}/cas`, 'http://127.0.0.1:9/');
    const outcome = await client('/desk');
    expect(outcome).toEqual({
      kind: 'redirect',
      detail: `${baseUrl}/cas/login?service=${encodeURIComponent('http://127.0.0.1:9/desk')}`,
    });
  });

  it('signs in, redirects with a service ticket, and validates it once for that service', async () => {
    const { baseUrl } = await startSim({ cas: {} });
    const service = 'http://127.0.0.1:9/desk';
    const { status, location } = await casLogin(`${baseUrl}/cas`, service);
    expect(status).toBe(303);
    expect(location?.startsWith(`${service}?ticket=ST-`)).toBe(true);
    const ticket = ticketOf(location);

    const client = casClient(`${baseUrl}/cas`, 'http://127.0.0.1:9/');
    const outcome = await client('/desk', ticket);
    expect(outcome.kind).toBe('success');
    if (outcome.kind !== 'success') return;
    expect(outcome.user.user).toBe('alice');
    expect(outcome.user.attributes).toMatchObject({ isfromnewlogin: 'true' });

    const replay = await client('/desk', ticket);
    expect(replay).toMatchObject({ kind: 'error' });
    expect((replay as { detail: string }).detail).toMatch(/INVALID_TICKET/);
  });

  it('refuses a ticket presented for another service, and burns it', async () => {
    const { baseUrl } = await startSim({ cas: {} });
    const { location } = await casLogin(`${baseUrl}/cas`, 'http://127.0.0.1:9/desk');
    const ticket = ticketOf(location);
    const client = casClient(`${baseUrl}/cas`, 'http://127.0.0.1:9/');
    expect((await client('/elsewhere', ticket)) as { detail: string }).toMatchObject({
      kind: 'error',
      detail: expect.stringMatching(/INVALID_SERVICE/),
    });
    expect(await client('/desk', ticket)).toMatchObject({ detail: expect.stringMatching(/INVALID_TICKET/) });
  });

  it('refuses an expired ticket and an unknown one', async () => {
    const { baseUrl, clock } = await startSim({ cas: { ticketTtlSeconds: 10 } });
    const { location } = await casLogin(`${baseUrl}/cas`, 'http://127.0.0.1:9/desk');
    clock.advance(10_000);
    const client = casClient(`${baseUrl}/cas`, 'http://127.0.0.1:9/');
    expect(await client('/desk', ticketOf(location))).toMatchObject({
      detail: expect.stringMatching(/INVALID_TICKET/),
    });
    expect(await client('/desk', 'ST-made-up')).toMatchObject({
      detail: expect.stringMatching(/INVALID_TICKET/),
    });
  });

  it('answers a wrong password with the form again (401) and no ticket', async () => {
    const { baseUrl } = await startSim({ cas: {} });
    const reply = await casLogin(`${baseUrl}/cas`, 'http://127.0.0.1:9/desk', 'alice', 'wrong');
    expect(reply.status).toBe(401);
    expect(reply.location).toBeNull();
    expect(reply.html).toContain('Wrong login or password.');
    expect(reply.html).toContain('value="alice"');
  });

  it('issues no ticket for a service outside its registry', async () => {
    const { baseUrl } = await startSim({ cas: { services: ['https://desk.example.com/'] } });
    const page = await fetch(
      `${baseUrl}/cas/login?service=${encodeURIComponent('https://evil.example.net/')}`,
    );
    expect(page.status).toBe(403);
    const allowed = await casLogin(`${baseUrl}/cas`, 'https://desk.example.com/cas-return');
    expect(allowed.status).toBe(303);
    const refused = await fetch(`${baseUrl}/cas/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        service: 'https://evil.example.net/',
        username: 'alice',
        password: 'practice',
      }),
      redirect: 'manual',
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('location')).toBeNull();
  });

  it('answers a validation without service or ticket with INVALID_REQUEST', async () => {
    const { baseUrl } = await startSim({ cas: {} });
    const response = await fetch(`${baseUrl}/cas/p3/serviceValidate?ticket=ST-x`);
    expect(response.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(await response.text()).toContain('<cas:authenticationFailure code="INVALID_REQUEST">');
  });
});

describe('GET /xuc/api/2.0/auth/cas', () => {
  async function xucCas(baseUrl: string, service: string, ticket: string) {
    const query = new URLSearchParams({ service, ticket }).toString();
    return getJson(baseUrl, `${AUTH_CAS}?${query}`);
  }

  it('turns a good ticket into {login, token}, once', async () => {
    const { baseUrl } = await startSim({ cas: {} });
    const service = `${baseUrl}/desk/cas-return`;
    const ticket = ticketOf((await casLogin(`${baseUrl}/cas`, service, 'chloe')).location);
    const first = await xucCas(baseUrl, service, ticket);
    expect(first.status).toBe(200);
    expect(Object.keys(first.body).sort()).toEqual(['login', 'token']);
    expect(first.body.login).toBe('chloe');
    const check = await getJson(baseUrl, '/xuc/api/2.0/auth/check', {
      Authorization: `Bearer ${first.body.token}`,
    });
    expect(check.status).toBe(200);

    const replay = await xucCas(baseUrl, service, ticket);
    expect(replay.status).toBe(401);
    expect(replay.body.error).toBe('CasServerInvalidTicket');
  });

  it('answers a bad ticket, a service mismatch and missing parameters with CasServerInvalidTicket', async () => {
    const { baseUrl } = await startSim({ cas: {} });
    const service = `${baseUrl}/desk/cas-return`;
    expect((await xucCas(baseUrl, service, 'ST-made-up')).body.error).toBe('CasServerInvalidTicket');
    const ticket = ticketOf((await casLogin(`${baseUrl}/cas`, service)).location);
    const mismatch = await xucCas(baseUrl, `${baseUrl}/other`, ticket);
    expect(mismatch.status).toBe(401);
    expect(mismatch.body).toMatchObject({ error: 'CasServerInvalidTicket' });
    const missing = await getJson(baseUrl, `${AUTH_CAS}?ticket=ST-x`);
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe('CasServerInvalidTicket');
  });

  it('is not there when CAS is off', async () => {
    const { baseUrl } = await startSim();
    expect((await getJson(baseUrl, `${AUTH_CAS}?service=s&ticket=t`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/cas/login`)).status).toBe(404);
  });
});
