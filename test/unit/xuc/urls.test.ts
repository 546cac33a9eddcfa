import { describe, expect, it } from 'vitest';
import { authUrl, ctiSocketUrl, serverName } from '../../../xuc/urls';

describe('xuc endpoints from the configured base URL', () => {
  it('http → ws and https → wss, with the token URL-encoded', () => {
    expect(ctiSocketUrl('http://xuc.example.com:8090', 'a+b/c=d&e')).toBe(
      'ws://xuc.example.com:8090/xuc/api/2.0/cti?token=a%2Bb%2Fc%3Dd%26e',
    );
    expect(ctiSocketUrl('https://xuc.example.com/', 't')).toBe(
      'wss://xuc.example.com/xuc/api/2.0/cti?token=t',
    );
  });

  it('keeps a reverse-proxy path prefix and drops query and fragment', () => {
    expect(authUrl('https://pbx.example.com/cc/?x=1#y', '/xuc/api/2.0/auth/login')).toBe(
      'https://pbx.example.com/cc/xuc/api/2.0/auth/login',
    );
  });

  it('refuses what is not an http(s) URL with a typed error', () => {
    expect(() => ctiSocketUrl('xuc.example.com', 't')).toThrow(
      expect.objectContaining({ code: 'Unreachable' }),
    );
    expect(() => authUrl('ws://xuc.example.com', '/x')).toThrow(
      expect.objectContaining({ code: 'Unreachable' }),
    );
  });

  it('names the server by host:port for messages', () => {
    expect(serverName('http://10.0.0.5:8090')).toBe('10.0.0.5:8090');
    expect(serverName('not a url')).toBe('not a url');
  });
});
