/**
 * The client side of SPNEGO in Node tests: a `Negotiate` token from the credential cache named by
 * KRB5CCNAME (the test realm's, after kinit), made with the npm `kerberos` binding's client API,
 * as a browser on a domain-joined workstation would.
 */
import kerberos from 'kerberos';

/** `service` is GSSAPI's host-based form, `HTTP@host`. Rejects when the cache has no usable ticket. */
export async function negotiateToken(service = 'HTTP@localhost'): Promise<string> {
  const client = await kerberos.initializeClient(service, { mechOID: kerberos.GSS_MECH_OID_SPNEGO });
  return client.step('');
}
