import { ALICE, expect, openDesk, screenshotBothThemes, test } from './fixtures';

test.describe('sign in and agent login', () => {
  test('signs in to the practice server; the agent is logged in and Ready', async ({
    page,
    host,
    signIn,
    desk,
    home,
  }) => {
    await openDesk(page, host);
    await expect(signIn.submitButton).toBeVisible();
    await expect(page.getByLabel('Practice server', { exact: true })).toBeChecked();
    await screenshotBothThemes(page, 'sign-in');

    await signIn.signIn(ALICE);
    await expect(desk.nav).toBeVisible();
    await expect(home.state).toHaveAttribute('data-state', 'AgentReady');
    await expect(home.state).toContainText('Ready');
    await expect(desk.trayStatus).toContainText('Ready');
    await expect(page.getByRole('button', { name: 'Team' })).toHaveCount(0);
  });

  test('a wrong password is said plainly and nothing else changes', async ({ page, host, signIn, desk }) => {
    await openDesk(page, host);
    await signIn.signIn({ ...ALICE, password: 'not-the-password' });
    await expect(signIn.error).toContainText('The login or password is not correct.');
    await expect(desk.nav).toHaveCount(0);
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue('not-the-password');
  });

  test('an unreachable server is said plainly', async ({ page, host, signIn }) => {
    await openDesk(page, host);
    // Port 9 on loopback: nothing listens there.
    await signIn.signIn({ ...ALICE, server: 'http://127.0.0.1:9' });
    await expect(signIn.error).toContainText('The server cannot be reached.');
  });

  test('signing out comes back to the form, which remembers all but the password', async ({
    page,
    signedIn,
    desk,
    signIn,
  }) => {
    await signedIn(ALICE);
    await desk.signOut();
    await expect(signIn.submitButton).toBeVisible();
    await expect(page.getByLabel('Login', { exact: true })).toHaveValue('alice');
    await expect(page.getByLabel('Phone number of your line', { exact: true })).toHaveValue('1001');
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
  });
});
