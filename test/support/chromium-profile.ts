/**
 * A fresh Chromium profile that will answer `WWW-Authenticate: Negotiate`. Debian's Chromium only
 * enables the Negotiate scheme on a profile whose `Local State` records that Negotiate headers were
 * already received (`net.received_http_auth_negotiate_headers: true`); a new profile has no such
 * record, so a test profile must carry it.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function negotiateReadyProfile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'agent-desk-chromium-'));
  const localState = { net: { received_http_auth_negotiate_headers: true } };
  await writeFile(join(dir, 'Local State'), JSON.stringify(localState));
  return dir;
}

/** Chromium's flags for Kerberos to `hosts` (its allowlist; `*` patterns allowed), delegation off. */
export function negotiateArgs(hosts: string[]): string[] {
  return [`--auth-server-allowlist=${hosts.join(',')}`, '--auth-negotiate-delegate-allowlist='];
}
