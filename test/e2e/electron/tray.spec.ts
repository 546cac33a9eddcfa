import { ALICE, ELECTRON, expect, recorded, test } from './fixtures';

test.skip(!ELECTRON, 'no Electron binary');

test('the tray follows the agent, and pauses and unpauses without the window', async ({
  app,
  home,
  signedIn,
}) => {
  await signedIn(ALICE);
  await expect.poll(async () => (await recorded(app)).trayIcons.at(-1)).toMatch(/^tray-ready/);
  await expect.poll(async () => (await recorded(app)).tooltips.at(-1)).toContain('Ready');

  // Hide the window, then choose Pause › (first reason) in the tray menu, as the agent would.
  const clicked = await app.evaluate(({ BrowserWindow }) => {
    BrowserWindow.getAllWindows()[0]!.hide();
    const menu = (globalThis as unknown as { __e2e: { trayMenu: Electron.Menu } }).__e2e.trayMenu;
    const pause = menu.getMenuItemById('pause')!;
    const item = pause.submenu?.items.find((i) => i.enabled) ?? pause;
    item.click();
    return item.label;
  });
  expect(clicked).not.toBe('');
  await expect.poll(async () => (await recorded(app)).trayIcons.at(-1)).toMatch(/^tray-paused/);
  await expect(home.state).toHaveAttribute('data-state', 'AgentOnPause');
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.isVisible())).toBe(
    false,
  );

  await app.evaluate(() => {
    const menu = (globalThis as unknown as { __e2e: { trayMenu: Electron.Menu } }).__e2e.trayMenu;
    menu.getMenuItemById('unpause')!.click();
  });
  await expect.poll(async () => (await recorded(app)).trayIcons.at(-1)).toMatch(/^tray-ready/);
  await expect(home.state).toHaveAttribute('data-state', 'AgentReady');
});
