/**
 * Kerberos single sign-on on the practice server, against a real KDC (test/support/kdc.ts): SPNEGO
 * tokens made by the `kerberos` client API from a credential cache filled by kinit.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SsoConfigError } from '../../../sim/index';
import { startRealm, type Realm } from '../../support/kdc';
import { negotiateToken } from '../../support/negotiate';
import { cli, CtiClient, ctiUrl, getJson, startSim } from './support';

const SSO = '/xuc/api/2.0/auth/sso';
const PASSWORDS = { alice: 'alice-secret', nobody: 'nobody-secret', jdoe: 'jdoe-secret' };

let realm: Realm;
beforeAll(async () => {
  realm = await startRealm();
  for (const [name, password] of Object.entries(PASSWORDS)) realm.addPrincipal(name, password);
  realm.addPrincipal('HTTP/other.example.test', 'unused-service-password');
  realm.useInThisProcess();
}, 30_000);
afterAll(() => realm?.stop());

function startSsoSim(principals?: Record<string, string>) {
  return startSim({ sso: { keytab: realm.keytab, servicePrincipal: realm.servicePrincipal, principals } });
}

/** node:http rather than fetch, so a test can send its own Host header. */
function sso(baseUrl: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; challenge: string | null; body: Record<string, unknown> }>(
    (resolve, reject) => {
      const req = request(`${baseUrl}${SSO}`, { headers }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            challenge: res.headers['www-authenticate'] ?? null,
            body: JSON.parse(text) as Record<string, unknown>,
          }),
        );
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('GET /xuc/api/2.0/auth/sso', () => {
  it('challenges a request without a ticket with 401 and WWW-Authenticate: Negotiate', async () => {
    const { baseUrl } = await startSsoSim();
    const reply = await sso(baseUrl);
    expect(reply.status).toBe(401);
    expect(reply.challenge).toBe('Negotiate');
    expect(reply.body).toMatchObject({ error: 'SsoAuthenticationFailed' });
    expect(typeof reply.body['message']).toBe('string');
  });

  it('signs the ticket holder in as the practice user of the same name: {login, token}, no TTL', async () => {
    const { baseUrl } = await startSsoSim();
    realm.kinit('alice', PASSWORDS.alice);
    const reply = await sso(baseUrl, { Authorization: `Negotiate ${await negotiateToken()}` });
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body).sort()).toEqual(['login', 'token']);
    expect(reply.body['login']).toBe('alice');
    // Mutual authentication: the server's answer token comes back in the 200.
    expect(reply.challenge).toMatch(/^Negotiate [A-Za-z0-9+/]+=*$/);
    // The token is an ordinary session token: auth/check and the CTI socket take it.
    const token = reply.body['token'] as string;
    const check = await getJson(baseUrl, '/xuc/api/2.0/auth/check', { Authorization: `Bearer ${token}` });
    expect(check.status).toBe(200);
    const cti = await CtiClient.open(ctiUrl(baseUrl, token), 'alice');
    expect(cti.frames[0]?.msgType).toBe('LoggedOn');
  });

  it('maps a principal listed in `principals` to its login', async () => {
    const { baseUrl } = await startSsoSim({ [`jdoe@${realm.realm}`]: 'bruno' });
    realm.kinit('jdoe', PASSWORDS.jdoe);
    const reply = await sso(baseUrl, { Authorization: `Negotiate ${await negotiateToken()}` });
    expect(reply.status).toBe(200);
    expect(reply.body['login']).toBe('bruno');
  });

  it('answers a valid principal with no practice user 403 UserNotFound', async () => {
    const { baseUrl } = await startSsoSim();
    realm.kinit('nobody', PASSWORDS.nobody);
    const reply = await sso(baseUrl, { Authorization: `Negotiate ${await negotiateToken()}` });
    expect(reply.status).toBe(403);
    expect(reply.body['error']).toBe('UserNotFound');
    expect(reply.body['message']).toContain(`nobody@${realm.realm}`);
  });

  it('refuses a replayed token', async () => {
    const { baseUrl } = await startSsoSim();
    realm.kinit('alice', PASSWORDS.alice);
    const token = await negotiateToken();
    expect((await sso(baseUrl, { Authorization: `Negotiate ${token}` })).status).toBe(200);
    const replay = await sso(baseUrl, { Authorization: `Negotiate ${token}` });
    expect(replay.status).toBe(401);
    expect(replay.body['error']).toBe('SsoAuthenticationFailed');
  });

  it('accepts only its configured principal, whatever Host the request names', async () => {
    const { baseUrl } = await startSsoSim();
    realm.kinit('alice', PASSWORDS.alice);
    const forOther = await negotiateToken('HTTP@other.example.test');
    const reply = await sso(baseUrl, { Authorization: `Negotiate ${forOther}`, Host: 'other.example.test' });
    expect(reply.status).toBe(401);
    expect(reply.body['error']).toBe('SsoAuthenticationFailed');
    expect(reply.challenge).toBe('Negotiate');
  });

  it('refuses garbage, NTLM and other schemes with 401 SsoAuthenticationFailed', async () => {
    const { baseUrl } = await startSsoSim();
    const ntlm = Buffer.from('NTLMSSP\u0000\u0001\u0000\u0000\u0000').toString('base64');
    for (const header of ['Negotiate AAAA', `Negotiate ${ntlm}`, 'Basic YWxpY2U6cHJhY3RpY2U=', 'Negotiate']) {
      const reply = await sso(baseUrl, { Authorization: header });
      expect(reply.status, header).toBe(401);
      expect(reply.body['error'], header).toBe('SsoAuthenticationFailed');
    }
    const reply = await sso(baseUrl, { Authorization: `Negotiate ${ntlm}` });
    expect(reply.body['message']).toMatch(/NTLM/);
  });

  it('answers 500 UnhandledError when its keytab holds no key for the configured principal', async () => {
    const { baseUrl } = await startSim({
      sso: { keytab: realm.keytab, servicePrincipal: `HTTP/other.example.test@${realm.realm}` },
    });
    realm.kinit('alice', PASSWORDS.alice);
    const reply = await sso(baseUrl, {
      Authorization: `Negotiate ${await negotiateToken('HTTP@other.example.test')}`,
    });
    expect(reply.status).toBe(500);
    expect(reply.body['error']).toBe('UnhandledError');
  });

  it('is not there when SSO is off (404), and only answers GET (405)', async () => {
    const off = await startSim();
    expect((await getJson(off.baseUrl, SSO)).status).toBe(404);
    const { baseUrl } = await startSsoSim();
    const post = await fetch(`${baseUrl}${SSO}`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
  });

  it('refuses to start with a missing keytab or a malformed principal', async () => {
    await expect(
      startSim({ sso: { keytab: `${realm.dir}/missing.keytab`, servicePrincipal: realm.servicePrincipal } }),
    ).rejects.toThrow(SsoConfigError);
    await expect(startSim({ sso: { keytab: realm.keytab, servicePrincipal: 'localhost' } })).rejects.toThrow(
      /HTTP\/host@REALM/,
    );
  });
});

describe('npm run sim with SSO and CAS flags', () => {
  it('turns both on from the command line', async () => {
    const run = cli([
      '--port',
      '0',
      '--sso-keytab',
      realm.keytab,
      '--sso-principal',
      realm.servicePrincipal,
      '--sso-user',
      `jdoe@${realm.realm}=bruno`,
      '--cas',
      '--cas-ticket-ttl',
      '30',
    ]);
    await expect.poll(run.out, { timeout: 10_000 }).toMatch(/\n$/);
    const baseUrl = /listening on (http:\S+)/.exec(run.out())![1]!;
    try {
      realm.kinit('jdoe', PASSWORDS.jdoe);
      const reply = await sso(baseUrl, { Authorization: `Negotiate ${await negotiateToken()}` });
      expect(reply.body['login']).toBe('bruno');
      expect((await fetch(`${baseUrl}/cas/login`)).status).toBe(200);
    } finally {
      run.child.kill('SIGTERM');
      expect(await run.exit).toBe(0);
    }
  }, 20_000);

  it('refuses half a configuration with exit code 2', async () => {
    for (const args of [
      ['--sso-keytab', realm.keytab],
      ['--sso-principal', realm.servicePrincipal],
      ['--cas-service', 'https://desk.example.com/'],
      ['--sso-keytab', realm.keytab, '--sso-principal', 'not-a-principal'],
      ['--sso-keytab', `${realm.dir}/missing`, '--sso-principal', realm.servicePrincipal],
    ]) {
      const run = cli(['--port', '0', ...args]);
      expect(await run.exit, args.join(' ')).toBe(2);
      expect(run.out()).toBe('');
    }
  }, 30_000);
});
