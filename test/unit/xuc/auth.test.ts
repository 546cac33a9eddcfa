/** REST auth against real HTTP(S) servers on 127.0.0.1: tokens, and a typed error for each failure. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authCheck, authLogin } from '../../../xuc/auth';
import { classifyFetchFailure } from '../../../xuc/net-errors';
import { FakeXuc, json } from './helpers/fake-xuc';
import { closedPort, failure, rawServer, selfSignedCert } from './helpers/support';

const PASSWORD = 'correct horse';

describe('authLogin / authCheck', () => {
  let server: FakeXuc;
  beforeAll(async () => {
    server = await FakeXuc.start({ users: { alice: PASSWORD } });
  });
  afterAll(() => server.stop());

  it('posts {login, password} as JSON and returns the token', async () => {
    const result = await authLogin(server.baseUrl, 'alice', PASSWORD);
    expect(result.login).toBe('alice');
    expect(result.TTL).toBe(3600);
    expect(server.validTokens.has(result.token)).toBe(true);
    const request = server.requestsTo('/xuc/api/2.0/auth/login').at(-1)!;
    expect(request.method).toBe('POST');
    expect(request.contentType).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({ login: 'alice', password: PASSWORD });
  });

  it('renews a token with GET auth/check and a Bearer header', async () => {
    const { token } = await authLogin(server.baseUrl, 'alice', PASSWORD);
    const renewed = await authCheck(server.baseUrl, token);
    expect(renewed.token).not.toBe(token);
    expect(server.validTokens.has(renewed.token)).toBe(true);
    const request = server.requestsTo('/xuc/api/2.0/auth/check').at(-1)!;
    expect(request.method).toBe('GET');
    expect(request.authorization).toBe(`Bearer ${token}`);
  });

  it('keeps no pooled connection, so a socket left dead by sleep is never reused', async () => {
    const { token } = await authLogin(server.baseUrl, 'alice', PASSWORD);
    await authCheck(server.baseUrl, token);
    const requests = server.requests.filter((r) => r.path.startsWith('/xuc/api/2.0/auth/')).slice(-2);
    expect(requests.map((r) => r.connection)).toEqual(['close', 'close']);
  });

  it('InvalidCredentials on a wrong password, without the password in the message', async () => {
    const error = await failure(authLogin(server.baseUrl, 'alice', 'hunter2-wrong'));
    expect(error.code).toBe('InvalidCredentials');
    expect(error.message).toMatch(/wrong login or password/);
    expect(JSON.stringify([error.message, error.data])).not.toContain('hunter2-wrong');
  });

  it('TokenExpired when auth/check refuses the token, without the token in the message', async () => {
    const { token } = await authLogin(server.baseUrl, 'alice', PASSWORD);
    server.expireAllTokens();
    const error = await failure(authCheck(server.baseUrl, token));
    expect(error.code).toBe('TokenExpired');
    expect(JSON.stringify([error.message, error.data])).not.toContain(token);
  });

  it('ServerError for another {error, message} code, such as InvalidJson', async () => {
    server.loginOverride = (_req, res) => {
      json(res, 400, { error: 'InvalidJson', message: 'Invalid Json' });
      return true;
    };
    try {
      const error = await failure(authLogin(server.baseUrl, 'alice', PASSWORD));
      expect(error.code).toBe('ServerError');
      expect(error.message).toContain('InvalidJson');
      expect(error.data).toMatchObject({ error: 'InvalidJson', status: 400 });
    } finally {
      server.loginOverride = undefined;
    }
  });

  it('BadResponse when the endpoint answers an HTML page', async () => {
    server.loginOverride = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><html><body>Welcome to nginx!</body></html>');
      return true;
    };
    try {
      const error = await failure(authLogin(server.baseUrl, 'alice', PASSWORD));
      expect(error.code).toBe('BadResponse');
      expect(error.message).toMatch(/HTML page/);
    } finally {
      server.loginOverride = undefined;
    }
  });

  it('BadResponse when the JSON holds no token', async () => {
    server.loginOverride = (_req, res) => {
      json(res, 200, { login: 'alice' });
      return true;
    };
    try {
      const error = await failure(authLogin(server.baseUrl, 'alice', PASSWORD));
      expect(error.code).toBe('BadResponse');
      expect(error.message).toMatch(/no session token/);
    } finally {
      server.loginOverride = undefined;
    }
  });

  it('keeps working after a bad reply', async () => {
    await expect(authLogin(server.baseUrl, 'alice', PASSWORD)).resolves.toMatchObject({ login: 'alice' });
  });
});

describe('network failures', () => {
  it('Unreachable when nothing listens on the port', async () => {
    const port = await closedPort();
    const error = await failure(authLogin(`http://127.0.0.1:${port}`, 'alice', PASSWORD));
    expect(error.code).toBe('Unreachable');
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).toContain(`127.0.0.1:${port}`);
  });

  it('Unreachable within the timeout when the server accepts TCP and never answers', async () => {
    const silent = await rawServer({ misbehave: () => {} });
    try {
      const error = await failure(authLogin(silent.url, 'alice', PASSWORD, { timeoutMs: 200 }));
      expect(error.code).toBe('Unreachable');
      expect(error.message).toMatch(/did not answer within 200 ms/);
    } finally {
      await silent.close();
    }
  });

  it('Unreachable when the server resets the connection', async () => {
    const rude = await rawServer({
      misbehave: (socket) => socket.once('data', () => socket.resetAndDestroy()),
    });
    try {
      const error = await failure(authLogin(rude.url, 'alice', PASSWORD));
      expect(error.code).toBe('Unreachable');
    } finally {
      await rude.close();
    }
  });

  it('Unreachable for an address that is not an http(s) URL', async () => {
    expect((await failure(authLogin('xuc.example.com:8090', 'alice', PASSWORD))).code).toBe('Unreachable');
    expect((await failure(authLogin('ftp://xuc.example.com', 'alice', PASSWORD))).code).toBe('Unreachable');
  });

  it('Tls when the server presents a self-signed certificate', async () => {
    const secure = await FakeXuc.start({ tls: selfSignedCert(), users: { alice: PASSWORD } });
    try {
      const error = await failure(authLogin(secure.baseUrl, 'alice', PASSWORD));
      expect(error.code).toBe('Tls');
      expect(error.data).toEqual({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
      expect(error.message).toMatch(/not trusted/);
    } finally {
      await secure.stop();
    }
  });

  it('classifies fetch failures by the codes on their cause chain', () => {
    const wrapped = (code: string) =>
      Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('x'), { code }) });
    const deep = (code: string) =>
      Object.assign(new TypeError('fetch failed'), {
        cause: Object.assign(new Error('y'), { cause: Object.assign(new Error('z'), { code }) }),
      });
    expect(classifyFetchFailure(wrapped('CERT_HAS_EXPIRED'), 'h', 1000).code).toBe('Tls');
    expect(classifyFetchFailure(wrapped('ERR_TLS_CERT_ALTNAME_INVALID'), 'h', 1000).code).toBe('Tls');
    expect(classifyFetchFailure(wrapped('SELF_SIGNED_CERT_IN_CHAIN'), 'h', 1000).code).toBe('Tls');
    expect(classifyFetchFailure(deep('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), 'h', 1000).code).toBe('Tls');
    expect(classifyFetchFailure(wrapped('ENOTFOUND'), 'h', 1000).message).toMatch(/host name not found/);
    expect(classifyFetchFailure(wrapped('ECONNRESET'), 'h', 1000).code).toBe('Unreachable');
    expect(classifyFetchFailure(new TypeError('Failed to fetch'), 'h', 1000).code).toBe('Unreachable');
    const timeout = Object.assign(new Error('aborted'), { name: 'TimeoutError' });
    expect(classifyFetchFailure(timeout, 'h', 1000).message).toMatch(/within 1 s/);
  });

  it('uses the injected fetch', async () => {
    const calls: string[] = [];
    const fakeFetch = (async (url: string | URL | Request) => {
      calls.push(String(url));
      return new Response(JSON.stringify({ login: 'bob', token: 't-1' }), { status: 200 });
    }) as typeof fetch;
    await expect(
      authLogin('https://xuc.example.com:8443/', 'bob', 'pw', { fetch: fakeFetch }),
    ).resolves.toEqual({
      login: 'bob',
      token: 't-1',
    });
    expect(calls).toEqual(['https://xuc.example.com:8443/xuc/api/2.0/auth/login']);
  });
});
