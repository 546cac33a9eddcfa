import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appProtocolHandler, resolveAppAsset } from '../../../main/electron/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../main/electron/security';

const root = mkdtempSync(join(tmpdir(), 'agent-desk-app-'));
mkdirSync(join(root, 'assets'));
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Agent Desk</title>');
writeFileSync(join(root, 'index.js'), 'console.log(1)');
writeFileSync(join(root, 'assets', 'logo.svg'), '<svg/>');
writeFileSync(join(root, 'notes.txt'), 'not served');
writeFileSync(join(root, '..', 'agent-desk-secret.json'), '{}');

describe('resolveAppAsset: only files under the renderer folder', () => {
  it.each([
    ['agent-desk://app/', 'index.html'],
    ['agent-desk://app/index.html', 'index.html'],
    ['agent-desk://app/index.js?v=1', 'index.js'],
    ['agent-desk://app/assets/logo.svg', join('assets', 'logo.svg')],
  ])('%s → %s', (url, file) => {
    expect(resolveAppAsset(root, url)?.path).toBe(join(root, file));
  });

  it.each([
    'agent-desk://app/../agent-desk-secret.json',
    'agent-desk://app/%2e%2e/agent-desk-secret.json',
    'agent-desk://app/assets/../../agent-desk-secret.json',
  ])('keeps %s inside the folder (the URL parser folds the dots)', (url) => {
    const resolved = resolveAppAsset(root, url);
    expect(resolved?.path).toBe(join(root, 'agent-desk-secret.json'));
  });

  it.each([
    'agent-desk://app/..%2fagent-desk-secret.json',
    'agent-desk://app/assets/..%5c..%5cagent-desk-secret.json',
    'agent-desk://app/index.html%00.js',
    'agent-desk://app/%E0%A4%A',
    'agent-desk://app/notes.txt',
    'agent-desk://other/index.html',
    'file:///etc/passwd',
    'https://app/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppAsset(root, url)).toBeNull();
  });
});

describe('the app protocol handler', () => {
  const handle = appProtocolHandler(root);

  it('serves a file with its type and the strict CSP', async () => {
    const response = await handle({ url: 'agent-desk://app/index.html', method: 'GET' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toContain('<title>Agent Desk</title>');
  });

  it('answers 404 (with the CSP) for anything else, and 405 for writes', async () => {
    const missing = await handle({ url: 'agent-desk://app/missing.js' });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const outside = await handle({ url: 'agent-desk://app/../agent-desk-secret.json' });
    expect(outside.status).toBe(404);
    expect((await handle({ url: 'agent-desk://app/index.html', method: 'POST' })).status).toBe(405);
  });
});
