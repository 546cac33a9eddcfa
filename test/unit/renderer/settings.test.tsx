import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { makeSnapshot } from './fixtures';
import { renderDesk } from './harness';

const settingsPatch = (patch: Partial<ReturnType<typeof makeSnapshot>['settings']>) => [
  { path: ['settings'], value: { ...makeSnapshot().settings, ...patch } },
];

describe('settings', () => {
  it('changes the screen-pop trigger through the desk', () => {
    const view = renderDesk(makeSnapshot(), { screen: 'settings' });
    fireEvent.change(screen.getByLabelText('Open the page'), { target: { value: 'answered' } });
    expect(view.fake.sent('settings:update')).toEqual([{ screenPop: { trigger: 'answered' } }]);
  });

  it('saves a valid allowlist, and refuses lines that are not host names', () => {
    const view = renderDesk(makeSnapshot(), { screen: 'settings' });
    const allowlist = screen.getByLabelText('Allowed sites');
    fireEvent.input(allowlist, { target: { value: 'crm.example.com\nhttps://bad/path' } });
    expect(screen.getByRole('alert').textContent).toBe('Not a site name: https://bad/path');
    expect((screen.getByRole('button', { name: 'Save sites' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.input(allowlist, {
      target: { value: 'CRM.example.com\n*.intranet.example\n\ncrm.example.com' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save sites' }));
    expect(view.fake.sent('settings:update')).toEqual([
      { screenPop: { allowlist: ['crm.example.com', '*.intranet.example'] } },
    ]);
  });

  it('a checkbox shows the desk’s value, not the click, until the desk confirms', async () => {
    const view = renderDesk(makeSnapshot(), { screen: 'settings' });
    const dnd = screen.getByLabelText('Do not disturb') as HTMLInputElement;
    fireEvent.click(dnd);
    expect(view.fake.sent('settings:update')).toEqual([{ notifications: { doNotDisturb: true } }]);
    expect(dnd.checked).toBe(false);
    view.patch(settingsPatch({ notifications: { enabled: true, doNotDisturb: true } }));
    expect((screen.getByLabelText('Do not disturb') as HTMLInputElement).checked).toBe(true);
  });

  it('says why an update was refused', async () => {
    const view = renderDesk(makeSnapshot(), { screen: 'settings' });
    view.fake.answer('settings:update', {
      ok: false,
      error: { code: 'invalid-request', message: 'theme: invalid' },
    });
    fireEvent.change(screen.getByLabelText('Theme'), { target: { value: 'dark' } });
    expect((await screen.findByRole('alert')).textContent).toContain(
      'This request was not valid: theme: invalid',
    );
  });

  it('switches start at login, notifications, language and theme', () => {
    const view = renderDesk(makeSnapshot(), { screen: 'settings' });
    fireEvent.click(screen.getByLabelText('Start Agent Desk when I log in to the computer'));
    fireEvent.click(screen.getByLabelText('Show notifications'));
    fireEvent.change(screen.getByLabelText('Theme'), { target: { value: 'dark' } });
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'fr' } });
    expect(view.fake.sent('settings:update')).toEqual([
      { startAtLogin: true },
      { notifications: { enabled: false } },
      { theme: 'dark' },
      { language: 'fr' },
    ]);
  });

  it('speaks French once the desk holds French', () => {
    const view = renderDesk(makeSnapshot(), { screen: 'settings' });
    view.patch(settingsPatch({ language: 'fr' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Réglages' })).toBeTruthy();
    expect(screen.getByLabelText('Ne pas déranger')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Mon poste' })).toBeTruthy();
  });

  it('greys out what the administrator locked', () => {
    renderDesk(makeSnapshot({ lockedSettings: ['screenPop', 'startAtLogin'] }), { screen: 'settings' });
    expect((screen.getByLabelText('Allowed sites') as HTMLTextAreaElement).disabled).toBe(true);
    expect((screen.getByLabelText('Open the page') as HTMLSelectElement).disabled).toBe(true);
    expect(
      (screen.getByLabelText('Start Agent Desk when I log in to the computer') as HTMLInputElement).disabled,
    ).toBe(true);
    expect((screen.getByLabelText('Do not disturb') as HTMLInputElement).disabled).toBe(false);
  });

  it('documents the keyboard shortcuts', () => {
    renderDesk(makeSnapshot(), { screen: 'settings' });
    const section = screen.getByRole('region', { name: 'Keyboard shortcuts' });
    expect(section.textContent).toContain('Alt+RBecome ready');
    expect(section.textContent).toContain('Alt+PPause (choose a reason)');
  });

  it('copies the connection details the desk gives, and opens the log folder', async () => {
    const view = renderDesk(makeSnapshot(), { screen: 'settings' });
    view.fake.answer('diagnostics:copy', { ok: true, value: 'server: practice\nlogin: jflash' });
    fireEvent.click(screen.getByRole('button', { name: 'Copy connection details' }));
    await waitFor(() => expect(view.copied).toEqual(['server: practice\nlogin: jflash']));
    expect(await screen.findByText('Copied to the clipboard.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Open log folder' }));
    expect(view.fake.sent('diagnostics:openLogs')).toEqual([{}]);
  });
});
