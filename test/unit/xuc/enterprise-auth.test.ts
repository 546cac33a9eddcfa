/**
 * loginWithSso / loginWithCas against the practice server over real sockets, with SSO checked by a
 * real KDC (test/support/kdc.ts): the Negotiate token comes from the `kerberos` client API and the
 * credential cache kinit filled, as a browser on a domain-joined workstation would send it.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualScheduler, startPracticeServer, type PracticeServer } from '../../../sim/index';
import { authCheck } from '../../../xuc/auth';
import { XucClient } from '../../../xuc/client';
import { casLoginUrl, casTicketFromRedirect, loginWithCas, loginWithSso } from '../../../xuc/enterprise-auth';
import { nodeSocketFactory } from '../../../xuc/transport-node';
import { startRealm, type Realm } from '../../support/kdc';
import { negotiateToken } from '../../support/negotiate';
import { failure } from './helpers/support';

const ALICE = 'alice-domain-password';
const NOBODY = 'nobody-domain-password';

let realm: Realm;
const servers: PracticeServer[] = [];
beforeAll(async () => {
  realm = await startRealm();
  realm.addPrincipal('alice', ALICE);
  realm.addPrincipal('nobody', NOBODY);
  realm.useInThisProcess();
}, 30_000);
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
afterAll(() => realm?.stop());

async function practice(options: Parameters<typeof startPracticeServer>[0] = {}) {
  const server = await startPracticeServer({ port: 0, scheduler: new ManualScheduler(), ...options });
  servers.push(server);
  return server;
}

/** A server with SSO on, addressed by the host name of its principal (HTTP/localhost). */
async function ssoServer() {
  const server = await practice({ sso: { keytab: realm.keytab, servicePrincipal: realm.servicePrincipal } });
  return { server, baseUrl: `http://localhost:${server.port}` };
}

describe('loginWithSso', () => {
  it('answers the Negotiate challenge with a ticket from the cache and returns {login, token}', async () => {
    const { baseUrl } = await ssoServer();
    realm.kinit('alice', ALICE);
    const asked: string[] = [];
    const result = await loginWithSso(baseUrl, {
      negotiate: (service) => {
        asked.push(service);
        return negotiateToken(service);
      },
    });
    expect(result.login).toBe('alice');
    expect(result).not.toHaveProperty('TTL');
    expect(asked).toEqual(['HTTP@localhost']);
    expect((await authCheck(baseUrl, result.token)).login).toBe('alice');
  });

  it('signs an XucClient in, and signs in again through SSO when the token is refused', async () => {
    const clock = new ManualScheduler();
    const server = await practice({
      scheduler: clock,
      tokenTtlSeconds: 60,
      sso: { keytab: realm.keytab, servicePrincipal: realm.servicePrincipal },
    });
    const baseUrl = `http://localhost:${server.port}`;
    realm.kinit('alice', ALICE);
    let signIns = 0;
    const client = new XucClient({
      baseUrl,
      login: 'alice',
      password: '',
      socketFactory: nodeSocketFactory(),
      signIn: () => {
        signIns += 1;
        return loginWithSso(baseUrl, { negotiate: negotiateToken });
      },
    });
    try {
      await client.connect();
      expect(client.status.state).toBe('connected');
      expect(signIns).toBe(1);
      // The token expires; the next link's auth/check is refused, so the client negotiates again.
      clock.advance(61_000);
      client.restartLink('test');
      await expect.poll(() => signIns, { timeout: 5000 }).toBe(2);
      await expect.poll(() => client.status.state, { timeout: 5000 }).toBe('connected');
    } finally {
      client.close();
    }
  });

  it("is SsoNoTicket when the cache holds no ticket, with GSSAPI's reason", async () => {
    const { baseUrl } = await ssoServer();
    realm.kdestroy();
    const error = await failure(loginWithSso(baseUrl, { negotiate: negotiateToken }));
    expect(error.code).toBe('SsoNoTicket');
    expect(error.message).toMatch(/HTTP@localhost/);
  });

  it('is SsoNoTicket when nothing can negotiate (a browser with the host off its allowlist)', async () => {
    const { baseUrl } = await ssoServer();
    const error = await failure(loginWithSso(baseUrl));
    expect(error.code).toBe('SsoNoTicket');
    expect(error.data).toMatchObject({ error: 'SsoAuthenticationFailed', status: 401 });
  });

  it('is UnknownUser for a principal XiVO does not know', async () => {
    const { baseUrl } = await ssoServer();
    realm.kinit('nobody', NOBODY);
    const error = await failure(loginWithSso(baseUrl, { negotiate: negotiateToken }));
    expect(error.code).toBe('UnknownUser');
    expect(error.message).toContain(`nobody@${realm.realm}`);
  });

  it('is SsoRefused for a token the server cannot accept', async () => {
    const { baseUrl } = await ssoServer();
    const error = await failure(loginWithSso(baseUrl, { negotiate: async () => 'YIIBogYGKwYBBQUCoA==' }));
    expect(error.code).toBe('SsoRefused');
    expect(error.message).not.toContain('YIIBogYGKwYBBQUCoA');
  });

  it('is NotOffered where the server has no SSO', async () => {
    const server = await practice();
    const error = await failure(loginWithSso(server.baseUrl, { negotiate: negotiateToken }));
    expect(error.code).toBe('NotOffered');
    expect(error.data).toMatchObject({ method: 'sso' });
  });

  it('marks a clock-skew refusal so the desk can say "check the clock"', async () => {
    // A real xuc's words, answered over a real socket.
    const canned: Server = createServer((req, res) => {
      const negotiated = /^Negotiate /.test(req.headers.authorization ?? '');
      res.writeHead(401, { 'Content-Type': 'application/json', 'WWW-Authenticate': 'Negotiate' });
      res.end(
        JSON.stringify({
          error: 'SsoAuthenticationFailed',
          message: negotiated ? 'Clock skew too great' : 'Negotiate required',
        }),
      );
    });
    await new Promise<void>((resolve) => canned.listen(0, '127.0.0.1', resolve));
    try {
      const port = (canned.address() as { port: number }).port;
      const error = await failure(
        loginWithSso(`http://127.0.0.1:${port}`, { negotiate: async () => 'dG9rZW4=' }),
      );
      expect(error.code).toBe('SsoRefused');
      expect(error.data).toMatchObject({ reason: 'clock-skew' });
    } finally {
      await new Promise((resolve) => canned.close(resolve));
    }
  });
});

describe('loginWithCas', () => {
  /** The CAS page as a person fills it in; returns the URL CAS sends the browser back to. */
  async function signInOnCas(loginUrl: string, login = 'david'): Promise<string> {
    const page = await fetch(loginUrl);
    expect(page.status).toBe(200);
    const service = new URL(loginUrl).searchParams.get('service')!;
    const form = await fetch(new URL('/cas/login', loginUrl), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: login, password: 'practice', service }),
      redirect: 'manual',
    });
    expect(form.status).toBe(303);
    return form.headers.get('location')!;
  }

  it('completes the round trip: CAS login page, redirect with a ticket, {login, token}', async () => {
    const server = await practice({ cas: {} });
    const service = 'http://127.0.0.1:45111/cas-return';
    const loginUrl = casLoginUrl(`${server.baseUrl}/cas/`, service);
    expect(loginUrl).toBe(`${server.baseUrl}/cas/login?service=${encodeURIComponent(service)}`);
    const returned = await signInOnCas(loginUrl);
    const ticket = casTicketFromRedirect(returned, service);
    expect(ticket).toMatch(/^ST-/);
    const result = await loginWithCas(server.baseUrl, { service, ticket: ticket! });
    expect(result.login).toBe('david');
    expect((await authCheck(server.baseUrl, result.token)).login).toBe('david');

    const replay = await failure(loginWithCas(server.baseUrl, { service, ticket: ticket! }));
    expect(replay.code).toBe('CasInvalidTicket');
    expect(replay.message).not.toContain(ticket!);
  });

  it('is CasInvalidTicket for a bad ticket or another service, NotOffered without CAS', async () => {
    const server = await practice({ cas: {} });
    const service = 'http://127.0.0.1:45111/cas-return';
    expect((await failure(loginWithCas(server.baseUrl, { service, ticket: 'ST-forged' }))).code).toBe(
      'CasInvalidTicket',
    );
    const ticket = casTicketFromRedirect(
      await signInOnCas(casLoginUrl(`${server.baseUrl}/cas`, service)),
      service,
    )!;
    const other = await failure(loginWithCas(server.baseUrl, { service: `${service}-2`, ticket }));
    expect(other.code).toBe('CasInvalidTicket');
    const off = await practice();
    expect((await failure(loginWithCas(off.baseUrl, { service, ticket }))).code).toBe('NotOffered');
  });

  it('reads a ticket only off the service it expects', () => {
    const service = 'http://127.0.0.1:45111/cas-return';
    expect(casTicketFromRedirect(`${service}?ticket=ST-1-abc`, service)).toBe('ST-1-abc');
    expect(casTicketFromRedirect('http://127.0.0.1:45112/cas-return?ticket=ST-1', service)).toBeNull();
    expect(casTicketFromRedirect('http://127.0.0.1:45111/elsewhere?ticket=ST-1', service)).toBeNull();
    expect(casTicketFromRedirect(`${service}`, service)).toBeNull();
    expect(casTicketFromRedirect(`${service}?ticket=${'x'.repeat(300)}`, service)).toBeNull();
    expect(casTicketFromRedirect(`${service}?ticket=%3Cscript%3E`, service)).toBeNull();
    expect(casTicketFromRedirect('not a url', service)).toBeNull();
  });
});
