/**
 * Classifies network failures (fetch, ws) into the client's typed errors. Pure: it reads only the
 * `code`/`name` fields that Node (undici, tls, net) and browsers put on errors.
 */
import { XucError } from './errors';

/** OpenSSL/Node certificate verification codes; ERR_TLS_* and ERR_SSL_* are matched by prefix. */
const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_CHAIN_TOO_LONG',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'HOSTNAME_MISMATCH',
  'EPROTO', // TLS alert or a plain-HTTP server answering a TLS hello
]);

export function isTlsCode(code: string): boolean {
  return TLS_CODES.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_');
}

/** The `code` strings along an error's `cause` chain (fetch wraps the socket error once or twice). */
export function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

export function isTlsFailure(error: unknown): boolean {
  return errorCodes(error).some(isTlsCode);
}

function isTimeout(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
}

const PLAIN_CODES: Record<string, string> = {
  ECONNREFUSED: 'refused the connection',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  ECONNRESET: 'reset the connection',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'timed out',
  UND_ERR_SOCKET: 'closed the connection',
  UND_ERR_CONNECT_TIMEOUT: 'timed out',
};

/** A failed HTTP request (fetch threw) as a typed error naming the server but nothing secret. */
export function classifyFetchFailure(error: unknown, server: string, timeoutMs: number): XucError {
  if (isXucErrorLike(error)) return error;
  const codes = errorCodes(error);
  if (isTimeout(error)) {
    return new XucError('Unreachable', `${server} did not answer within ${seconds(timeoutMs)}.`);
  }
  const tls = codes.find(isTlsCode);
  if (tls) {
    return new XucError(
      'Tls',
      `The secure connection to ${server} failed (${tls}): its certificate is not trusted.`,
      {
        code: tls,
      },
    );
  }
  const known = codes.find((code) => code in PLAIN_CODES);
  const why = known ? `${PLAIN_CODES[known]} (${known})` : (codes[0] ?? 'no answer');
  return new XucError('Unreachable', `Cannot reach ${server}: ${why}.`, known ? { code: known } : undefined);
}

function isXucErrorLike(error: unknown): error is XucError {
  return error instanceof XucError;
}

export function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
