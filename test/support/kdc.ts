/**
 * A throwaway MIT Kerberos realm for tests, built from Debian's krb5-kdc, krb5-admin-server and
 * krb5-user: a database in a temp folder, principals and a keytab made with kadmin.local, krb5kdc
 * in the foreground on a free loopback port (stopped by its PID), a private krb5.conf
 * (KRB5_CONFIG) and a private credential cache (KRB5CCNAME) filled by `kinit` with a password.
 *
 * A missing program throws: the tests that need the realm fail, they never skip.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TEST_REALM = 'AGENTDESK.TEST';
/** The practice server's service principal; clients ask for `HTTP@localhost`. */
export const TEST_SERVICE_PRINCIPAL = `HTTP/localhost@${TEST_REALM}`;

const PROGRAMS = {
  kdb5_util: '/usr/sbin/kdb5_util',
  'kadmin.local': '/usr/sbin/kadmin.local',
  krb5kdc: '/usr/sbin/krb5kdc',
  kinit: '/usr/bin/kinit',
  kdestroy: '/usr/bin/kdestroy',
} as const;

export interface Realm {
  realm: string;
  dir: string;
  port: number;
  /** PID of the running krb5kdc. */
  pid: number;
  /** The service principal's keys. */
  keytab: string;
  servicePrincipal: string;
  /** KRB5_CONFIG, KRB5_KDC_PROFILE and KRB5CCNAME for child processes and for this process. */
  env: Record<string, string>;
  addPrincipal(name: string, password: string): void;
  /** `kinit` into the private credential cache; throws with kinit's message when refused. */
  kinit(principal: string, password: string): void;
  /** Empties the private credential cache (no ticket). */
  kdestroy(): void;
  /** Sets this process's KRB5_* variables to the realm's (the in-process GSSAPI reads them). */
  useInThisProcess(): void;
  stop(): Promise<void>;
}

function requirePrograms(): void {
  const missing = Object.entries(PROGRAMS)
    .filter(([, path]) => !existsSync(path))
    .map(([name]) => name);
  if (missing.length > 0) {
    throw new Error(
      `Kerberos test realm: missing ${missing.join(', ')}; run scripts/install.sh (krb5-kdc, krb5-admin-server, krb5-user)`,
    );
  }
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function run(program: keyof typeof PROGRAMS, args: string[], env: Record<string, string>, input?: string) {
  const result = spawnSync(PROGRAMS[program], args, {
    env: { ...process.env, ...env },
    input,
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
    throw new Error(`${program} ${args.join(' ')} failed (${result.status ?? result.signal}): ${output}`);
  }
  return result.stdout;
}

function waitForPort(port: number, child: ChildProcess, deadlineMs: number): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`krb5kdc exited with ${child.exitCode}`));
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() - started > deadlineMs) reject(new Error(`krb5kdc did not listen on ${port}`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

export async function startRealm(): Promise<Realm> {
  requirePrograms();
  const dir = await mkdtemp(join(tmpdir(), 'agent-desk-kdc-'));
  const port = await freeLoopbackPort();
  const keytab = join(dir, 'http.keytab');
  const krb5Conf = join(dir, 'krb5.conf');
  const kdcConf = join(dir, 'kdc.conf');
  const env = {
    KRB5_CONFIG: krb5Conf,
    KRB5_KDC_PROFILE: kdcConf,
    KRB5CCNAME: `FILE:${join(dir, 'ccache')}`,
    KRB5_KTNAME: `FILE:${keytab}`,
    KRB5RCACHEDIR: dir,
  };
  // TCP only (udp_preference_limit = 1), no DNS: every name is taken as written.
  await writeFile(
    krb5Conf,
    `[libdefaults]
  default_realm = ${TEST_REALM}
  dns_lookup_kdc = false
  dns_lookup_realm = false
  dns_canonicalize_hostname = false
  rdns = false
  udp_preference_limit = 1
  ticket_lifetime = 1h
  forwardable = false
[realms]
  ${TEST_REALM} = {
    kdc = 127.0.0.1:${port}
  }
[domain_realm]
  localhost = ${TEST_REALM}
  127.0.0.1 = ${TEST_REALM}
`,
  );
  await writeFile(
    kdcConf,
    `[kdcdefaults]
  kdc_listen = ""
  kdc_tcp_listen = 127.0.0.1:${port}
[realms]
  ${TEST_REALM} = {
    database_name = ${join(dir, 'principal')}
    key_stash_file = ${join(dir, 'stash')}
    acl_file = ${join(dir, 'kadm5.acl')}
    admin_keytab = ${join(dir, 'kadm5.keytab')}
    kdc_listen = ""
    kdc_tcp_listen = 127.0.0.1:${port}
    max_life = 1h
    supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal
  }
[logging]
  kdc = FILE:${join(dir, 'kdc.log')}
`,
  );
  await writeFile(join(dir, 'kadm5.acl'), '');

  let child: ChildProcess | undefined;
  try {
    run('kdb5_util', ['create', '-s', '-r', TEST_REALM, '-P', 'master-key-of-a-throwaway-realm'], env);
    const kadmin = (query: string) => run('kadmin.local', ['-r', TEST_REALM, '-q', query], env);
    kadmin(`addprinc -randkey ${TEST_SERVICE_PRINCIPAL}`);
    kadmin(`ktadd -k ${keytab} ${TEST_SERVICE_PRINCIPAL}`);

    child = spawn(PROGRAMS.krb5kdc, ['-n', '-r', TEST_REALM], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    await waitForPort(port, child, 10_000).catch((error: Error) => {
      throw new Error(`${error.message}: ${stderr.trim()}`);
    });
  } catch (error) {
    child?.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const kdc = child;
  const pid = kdc.pid!;
  const exited = new Promise<void>((resolve) => {
    if (kdc.exitCode !== null) resolve();
    else kdc.once('exit', () => resolve());
  });
  // A test run that dies without stop() must not leave a KDC behind.
  const killOnExit = () => kdc.kill('SIGKILL');
  process.once('exit', killOnExit);

  return {
    realm: TEST_REALM,
    dir,
    port,
    pid,
    keytab,
    servicePrincipal: TEST_SERVICE_PRINCIPAL,
    env,
    addPrincipal(name, password) {
      run('kadmin.local', ['-r', TEST_REALM, '-q', `addprinc -pw ${password} ${name}`], env);
    },
    kinit(principal, password) {
      run('kinit', [principal], env, `${password}\n`);
    },
    kdestroy() {
      spawnSync(PROGRAMS.kdestroy, ['-q'], { env: { ...process.env, ...env } });
    },
    useInThisProcess() {
      Object.assign(process.env, env);
    },
    async stop() {
      process.off('exit', killOnExit);
      if (kdc.exitCode === null) process.kill(pid, 'SIGTERM');
      const timer = setTimeout(() => kdc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
