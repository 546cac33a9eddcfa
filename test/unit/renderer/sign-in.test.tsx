import { fireEvent, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { DeskError } from '../../../preload/contract';
import { makeSnapshot } from './fixtures';
import { renderDesk } from './harness';

const signedOut = (settings: Partial<ReturnType<typeof makeSnapshot>['settings']> = {}) =>
  makeSnapshot({
    user: null,
    connection: { state: 'signed-out' },
    settings: { ...makeSnapshot().settings, ...settings },
  });

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.input(input(label), { target: { value } });

describe('sign-in', () => {
  it('fills in the remembered server, login and phone, never a password', () => {
    renderDesk(
      signedOut({ serverUrl: 'https://xuc.example.com:8443', login: 'jflash', phoneNumber: '1001' }),
    );
    expect(input('My company’s server').checked).toBe(true);
    expect(input('Server address').value).toBe('https://xuc.example.com:8443');
    expect(input('Login').value).toBe('jflash');
    expect(input('Phone number of your line').value).toBe('1001');
    expect(input('Password').value).toBe('');
    expect(input('Remember my password on this computer').checked).toBe(false);
  });

  it('signs in on the practice server by default', () => {
    const view = renderDesk(signedOut({ serverUrl: '', login: '', phoneNumber: '' }));
    expect(input('Practice server').checked).toBe(true);
    type('Login', ' jflash ');
    type('Password', 'secret');
    type('Phone number of your line', '1001');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(view.fake.sent('session:signIn')).toEqual([
      { serverUrl: '', login: 'jflash', password: 'secret', phoneNumber: '1001', rememberPassword: false },
    ]);
  });

  it('passes the opt-in to remember the password', () => {
    const view = renderDesk(signedOut());
    type('Password', 'secret');
    fireEvent.click(input('Remember my password on this computer'));
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(view.fake.sent('session:signIn')).toEqual([
      expect.objectContaining({ rememberPassword: true, login: 'jflash', phoneNumber: '1001' }),
    ]);
  });

  it('checks the fields before sending, and says what is wrong', () => {
    const view = renderDesk(signedOut({ login: '', phoneNumber: '' }));
    fireEvent.click(input('My company’s server'));
    type('Server address', 'not a url');
    type('Phone number of your line', '10a1');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(view.fake.sent('session:signIn')).toEqual([]);
    expect(screen.getByText('Enter an address such as https://xuc.example.com:8443.')).toBeTruthy();
    expect(screen.getAllByText('Required.')).toHaveLength(2);
    expect(screen.getByText('Use digits only (and *, # or +).')).toBeTruthy();
    expect(input('Server address').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(input('Server address'));
  });

  const failures: Array<[string, DeskError, string]> = [
    [
      'wrong credentials',
      { code: 'invalid-credentials', message: 'Invalid credentials' },
      'The login or password is not correct.',
    ],
    [
      'an unreachable server',
      { code: 'unreachable', message: 'ECONNREFUSED 127.0.0.1:9' },
      'The server cannot be reached.',
    ],
    [
      'a certificate problem',
      { code: 'tls', message: 'self-signed certificate' },
      'The server’s certificate is not trusted',
    ],
  ];
  for (const [what, error, words] of failures) {
    it(`says ${what} in plain words`, async () => {
      const view = renderDesk(signedOut());
      view.fake.answer('session:signIn', { ok: false, error });
      type('Password', 'secret');
      fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
      const alert = await screen.findByRole('alert');
      expect(alert.textContent).toContain(words);
    });
  }

  it('keeps the form, its fields and its message through a failed attempt, though the desk names a user while connecting', async () => {
    const view = renderDesk(signedOut());
    // The desk answers only after its connection states have come and gone, as it really does.
    let finish: (value: unknown) => void = () => {};
    const settled = new Promise((resolve) => (finish = resolve));
    view.fake.bridge.invoke = (async (command: string) => {
      if (command !== 'session:signIn') return { ok: true, value: undefined };
      await settled;
      return { ok: false, error: { code: 'invalid-credentials', message: 'Invalid credentials' } };
    }) as typeof view.fake.bridge.invoke;
    type('Password', 'wrong');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const user = makeSnapshot().user;
    view.patch([
      { path: ['user'], value: { ...user!, profile: 'Admin', agentId: null } },
      { path: ['connection'], value: { state: 'connecting', server: 'http://127.0.0.1:1' } },
    ]);
    expect(screen.getByRole('button', { name: 'Signing in…' })).toBeTruthy();
    view.patch([
      {
        path: ['connection'],
        value: { state: 'offline', server: 'x', reason: 'invalid-credentials', detail: '' },
      },
    ]);
    view.patch([
      { path: ['connection'], value: { state: 'signed-out' } },
      { path: ['user'], value: null },
    ]);
    finish(null);
    expect((await screen.findByRole('alert')).textContent).toContain('The login or password is not correct.');
    expect(input('Password').value).toBe('wrong');
  });

  it('shows why the desk went offline before a user was signed in', () => {
    renderDesk(
      makeSnapshot({
        user: null,
        connection: { state: 'offline', server: 'practice', reason: 'invalid-credentials', detail: '' },
      }),
    );
    expect(screen.getByRole('alert').textContent).toBe('The login or password is not correct.');
  });

  it('shows progress while connecting', () => {
    renderDesk(makeSnapshot({ user: null, connection: { state: 'connecting', server: 'practice' } }));
    const button = screen.getByRole('button', { name: 'Signing in…' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
  });
});
