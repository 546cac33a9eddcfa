import { ALICE, ELECTRON, expect, recorded, test } from './fixtures';

test.skip(!ELECTRON, 'no Electron binary');

test('an incoming call from the practice server: a native notification and the screen pop', async ({
  app,
  home,
  signedIn,
}) => {
  const control = await signedIn(ALICE);
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.hide());

  await control.placeCall({
    queueName: 'sales',
    callerNumber: '0612345678',
    callerName: 'Jeanne Martin',
    variables: { folderNumber: '4711' },
  });

  // Exactly one call notification (a callback-due one may come too: the practice lists have some).
  await expect
    .poll(async () => (await recorded(app)).notifications.filter((n) => n.title === 'Incoming call'))
    .toEqual([{ title: 'Incoming call', body: expect.stringContaining('Jeanne Martin') }]);
  // The customer page (popupUrl + folderNumber, as XiVO builds it), through the one guarded door.
  await expect
    .poll(async () => (await recorded(app)).opened)
    .toEqual(['https://crm.example.com/customer?folder=4711']);
  await expect(home.callCard).toContainText('Jeanne Martin');

  // A click on the notification brings the window back, focused.
  await app.evaluate(() => {
    const n = (globalThis as unknown as { __e2e: { lastNotification: Electron.Notification } }).__e2e
      .lastNotification;
    n.emit('click');
  });
  await expect
    .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.isVisible()))
    .toBe(true);
});
