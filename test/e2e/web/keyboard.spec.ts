import { ALICE, expect, openDesk, test } from './fixtures';

/** Everything by keyboard: sign in, move between sections, pause with a reason, become ready. */
test('a keyboard-only journey', async ({ page, host, desk, home }) => {
  await openDesk(page, host);
  // A keyboard user starts once the form is on screen (the page draws it when the bridge's snapshot arrives).
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  // Tab order of the form: practice server, company server, login, password, phone, remember, sign in.
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Practice server', { exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Login', { exact: true })).toBeFocused();
  await page.keyboard.type(ALICE.login);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
  await page.keyboard.type(ALICE.password);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Phone number of your line', { exact: true })).toBeFocused();
  await page.keyboard.type(ALICE.phone);
  await page.keyboard.press('Enter');
  await expect(home.state).toHaveAttribute('data-state', 'AgentReady');
  // The server's pause reasons have arrived: the Pause button then controls the list (aria-expanded).
  await expect(home.pauseButton).toHaveAttribute('aria-expanded', 'false');

  // Alt+P opens the reasons with the first one focused; arrows move; Enter picks.
  await page.keyboard.press('Alt+P');
  await expect(home.reasons.getByRole('button', { name: 'Pause', exact: true })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(home.reasons.getByRole('button', { name: 'Lunch' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(home.state).toContainText('Paused · Lunch');
  await expect(home.pauseButton).toBeFocused();

  // Alt+R: ready again.
  await page.keyboard.press('Alt+R');
  await expect(home.state).toHaveAttribute('data-state', 'AgentReady');

  // Alt+digits move between sections and put focus on the heading.
  await page.keyboard.press('Alt+4');
  await expect(page.getByRole('heading', { level: 1, name: 'Callbacks' })).toBeFocused();
  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('heading', { level: 1, name: 'My queues' })).toBeFocused();

  // Back from the heading into the tabs with Shift+Tab; the focused tab shows a visible outline.
  const statistics = desk.nav.getByRole('button', { name: 'Statistics' });
  for (const name of ['Settings', 'Callbacks', 'Statistics']) {
    await page.keyboard.press('Shift+Tab');
    await expect(desk.nav.getByRole('button', { name })).toBeFocused();
  }
  await expect(statistics).toHaveCSS('outline-style', 'solid');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'My statistics' })).toBeFocused();
});
