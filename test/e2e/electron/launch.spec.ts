import { ELECTRON, expect, test } from './fixtures';

test.skip(!ELECTRON, 'no Electron binary');

test('launches one locked-down window on the app’s own scheme', async ({ app, page }) => {
  await expect(page).toHaveTitle('Agent Desk');
  expect(page.url()).toBe('agent-desk://app/index.html');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();

  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);

  // The page sees the bridge and nothing of Node or Electron.
  const globals = await page.evaluate(() => {
    const page = globalThis as unknown as { agentDesk: object; require?: unknown; process?: unknown };
    return {
      bridge: Object.keys(page.agentDesk).sort(),
      require: typeof page.require,
      process: typeof page.process,
    };
  });
  expect(globals).toEqual({ bridge: ['invoke', 'on'], require: 'undefined', process: 'undefined' });

  // The CSP forbids eval; navigation and new windows are denied.
  expect(
    await page.evaluate(() => {
      try {
        return String(eval('1 + 1'));
      } catch {
        return 'blocked';
      }
    }),
  ).toBe('blocked');
  type PageWindow = { open(url: string): unknown; location: { href: string } };
  expect(
    await page.evaluate(() => (globalThis as unknown as PageWindow).open('https://example.com') === null),
  ).toBe(true);
  await page.evaluate(() => {
    (globalThis as unknown as PageWindow).location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toBe('agent-desk://app/index.html');
});

test('closing the window hides it to the tray; the app keeps running', async ({ app, page }) => {
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  const afterClose = await app.evaluate(({ BrowserWindow }) => {
    const win = BrowserWindow.getAllWindows()[0]!;
    win.close();
    return { destroyed: win.isDestroyed(), visible: win.isVisible() };
  });
  expect(afterClose).toEqual({ destroyed: false, visible: false });
});
