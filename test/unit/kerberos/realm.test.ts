/** The throwaway realm itself: a real krb5kdc on loopback, kinit into a private cache, stopped by PID. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRealm, type Realm } from '../../support/kdc';

let realm: Realm;
beforeAll(async () => {
  realm = await startRealm();
  realm.addPrincipal('alice', 'alice-password');
}, 30_000);
afterAll(() => realm?.stop());

function klist(): { status: number | null; out: string } {
  const result = spawnSync('/usr/bin/klist', [], { env: { ...process.env, ...realm.env }, encoding: 'utf8' });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

describe('the test realm', () => {
  it('runs krb5kdc on a loopback port with a keytab for the service principal', () => {
    expect(realm.port).toBeGreaterThan(0);
    expect(() => process.kill(realm.pid, 0)).not.toThrow();
    const keys = spawnSync('/usr/bin/klist', ['-k', realm.keytab], { encoding: 'utf8' });
    expect(keys.stdout).toContain(realm.servicePrincipal);
  });

  it('gives a ticket for the right password, into the private cache only', () => {
    realm.kinit('alice', 'alice-password');
    const listed = klist();
    expect(listed.status).toBe(0);
    expect(listed.out).toContain(`alice@${realm.realm}`);
    expect(realm.env['KRB5CCNAME']).toContain(realm.dir);
    realm.kdestroy();
    expect(klist().status).not.toBe(0);
  });

  it("refuses a wrong password with kinit's own message", () => {
    expect(() => realm.kinit('alice', 'wrong')).toThrow(/Password incorrect/);
  });

  it('stops its KDC by PID and removes its folder', async () => {
    const other = await startRealm();
    await other.stop();
    expect(() => process.kill(other.pid, 0)).toThrow();
    expect(existsSync(other.dir)).toBe(false);
  }, 30_000);
});
