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
  // Listen after the app's own hardening listener: once this one has seen the navigation, the
  // app's has already decided, so both are checked after the moment, not after a sleep.
  await app.evaluate(({ BrowserWindow }) => {
    const g = globalThis as unknown as { __navigations: Array<{ url: string; refused: boolean }> };
    g.__navigations = [];
    BrowserWindow.getAllWindows()[0]!.webContents.on('will-navigate', (event, url) => {
      g.__navigations.push({ url, refused: event.defaultPrevented });
    });
  });
  await page.evaluate(() => {
    (globalThis as unknown as PageWindow).location.href = 'https://example.com/';
  });
  await expect
    .poll(() => app.evaluate(() => (globalThis as unknown as { __navigations: unknown[] }).__navigations))
    .toEqual([{ url: 'https://example.com/', refused: true }]);
  expect(page.url()).toBe('agent-desk://app/index.html');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
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
