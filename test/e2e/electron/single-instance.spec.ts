import { spawn } from 'node:child_process';
import { ALICE, ELECTRON, expect, launchSpec, recorded, test } from './fixtures';

test.skip(!ELECTRON, 'no Electron binary');

test('a second launch hands its tel: link to the first, which asks once and dials', async ({
  app,
  userDataDir,
  signedIn,
}) => {
  const control = await signedIn(ALICE);
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.hide());

  const spec = launchSpec(userDataDir, ['tel:06 01 02 03 04']);
  const second = spawn(ELECTRON!, spec.args, { env: spec.env, stdio: 'ignore' });
  const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
  expect(code).toBe(0);

  // The first instance showed its window and asked the agent before the first dial.
  await expect.poll(async () => (await recorded(app)).dialogs).toEqual([{ message: 'Call 0601020304?' }]);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.isVisible())).toBe(true);
  // Alice has a NoRight profile: a plain dial from her own line reaches the practice server.
  await expect.poll(async () => JSON.stringify(await control.state())).toContain('0601020304');
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
});
