import { fireEvent, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { makeSnapshot, supervisorSnapshot } from './fixtures';
import { renderDesk } from './harness';

describe('app shell', () => {
  it('says it is loading until the first snapshot, then shows the desk', async () => {
    const view = renderDesk(null);
    expect(screen.getByText('Loading Agent Desk…')).toBeTruthy();
    view.snapshot(makeSnapshot());
    expect(await screen.findByRole('navigation', { name: 'Sections' })).toBeTruthy();
  });

  it('shows the sign-in screen when signed out, and the desk once a user is signed in', () => {
    const view = renderDesk(makeSnapshot({ user: null, connection: { state: 'signed-out' } }));
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(screen.queryByRole('navigation')).toBeNull();
    view.snapshot(makeSnapshot());
    expect(screen.queryByRole('button', { name: 'Sign in' })).toBeNull();
    expect(screen.getByRole('navigation', { name: 'Sections' })).toBeTruthy();
  });

  it('draws the tray model as a compact status in the header', () => {
    const view = renderDesk(
      makeSnapshot({ tray: { icon: 'paused', tooltip: 'Agent Desk — Paused (Lunch)', menu: [] } }),
    );
    const status = screen.getByTestId('tray-status');
    expect(status.textContent).toBe('Agent Desk — Paused (Lunch)');
    expect(status.getAttribute('title')).toBe('Agent Desk — Paused (Lunch)');
    expect(status.className).toContain('tone-paused');
    view.patch([{ path: ['tray'], value: { icon: 'offline', tooltip: 'Agent Desk — Offline', menu: [] } }]);
    expect(screen.getByTestId('tray-status').className).toContain('tone-offline');
  });

  it('offers the Team tab only to Supervisor and Admin profiles', () => {
    const view = renderDesk(makeSnapshot());
    const nav = screen.getByRole('navigation', { name: 'Sections' });
    expect(within(nav).queryByRole('button', { name: 'Team' })).toBeNull();
    view.snapshot(supervisorSnapshot(3));
    expect(within(nav).getByRole('button', { name: 'Team' })).toBeTruthy();
  });

  it('switches screens from the tabs, marks the current one and moves focus to its heading', () => {
    renderDesk(makeSnapshot());
    fireEvent.click(screen.getByRole('button', { name: 'Queues' }));
    const heading = screen.getByRole('heading', { level: 1, name: 'My queues' });
    expect(document.activeElement).toBe(heading);
    expect(screen.getByRole('button', { name: 'Queues' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('button', { name: 'My desk' }).getAttribute('aria-current')).toBeNull();
  });

  it('Alt+digit opens the screens in tab order', () => {
    renderDesk(makeSnapshot());
    fireEvent.keyDown(document, { altKey: true, code: 'Digit4' });
    expect(screen.getByRole('heading', { level: 1, name: 'Callbacks' })).toBeTruthy();
    fireEvent.keyDown(document, { altKey: true, code: 'Digit5' });
    expect(screen.getByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
    // Without Alt, digits are just typing.
    fireEvent.keyDown(document, { code: 'Digit1' });
    expect(screen.getByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
  });

  it('shows the desk notices in words and dismisses them through the bridge', () => {
    const view = renderDesk(
      makeSnapshot({
        notices: [
          {
            id: 'n1',
            level: 'warning',
            code: 'screen-pop-refused',
            params: { reason: 'host-not-allowed', url: 'https://evil.example' },
            at: 0,
          },
        ],
      }),
    );
    const list = screen.getByRole('list', { name: 'Messages' });
    expect(list.textContent).toContain(
      'The customer page was not opened (the site is not on the allowed list).',
    );
    fireEvent.click(within(list).getByRole('button', { name: /^Dismiss/ }));
    expect(view.fake.sent('notice:dismiss')).toEqual([{ id: 'n1' }]);
  });

  it('tells the agent in words what the Electron host found', () => {
    renderDesk(
      makeSnapshot({
        notices: [
          { id: 'n1', level: 'warning', code: 'secrets-memory-only', params: {}, at: 0 },
          {
            id: 'n2',
            level: 'error',
            code: 'admin-policy-ignored',
            params: { error: 'policy.json: locked[0]' },
            at: 0,
          },
        ],
      }),
    );
    const text = screen.getByRole('list', { name: 'Messages' }).textContent ?? '';
    expect(text).toContain('your password is kept only until Agent Desk closes');
    expect(text).toContain('The administrator’s policy file was ignored: policy.json: locked[0]');
    expect(text).not.toContain('Message from the desk');
  });

  it('signs out through the bridge', () => {
    const view = renderDesk(makeSnapshot());
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(view.fake.sent('session:signOut')).toEqual([{}]);
  });

  it('applies the theme and the language of the settings to the document', () => {
    const view = renderDesk(makeSnapshot());
    expect(document.documentElement.dataset.theme).toBe('system');
    expect(document.documentElement.lang).toBe('en');
    view.patch([
      { path: ['settings'], value: { ...makeSnapshot().settings, theme: 'dark', language: 'fr' } },
    ]);
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(document.documentElement.lang).toBe('fr');
    expect(screen.getByRole('navigation', { name: 'Rubriques' })).toBeTruthy();
  });
});
