import { mkdir } from 'node:fs/promises';
import { ALICE, expect, screenshotBothThemes, test } from './fixtures';

test('an incoming call placed through the control API shows the call card and the Sheet fields', async ({
  page,
  signedIn,
  control,
  home,
  desk,
}) => {
  await signedIn(ALICE);
  const callId = await control.placeCall({
    queueName: 'sales',
    callerNumber: '0612345678',
    callerName: 'Jeanne Martin',
    variables: { folderNumber: '4711', product: 'Fibre 1 Gb' },
  });

  await expect(home.callCard).toBeVisible();
  await expect(home.callCard.getByRole('heading', { name: 'Incoming call' })).toBeVisible();
  await expect(home.callCard).toContainText('Jeanne Martin');
  await expect(home.callCard).toContainText('0612345678');
  await expect(home.callCard).toContainText('Sales');
  await expect(home.state).toHaveAttribute('data-state', 'AgentRinging');
  // The Sheet, in its order: the page address (shown, never followed), the product, the call's facts.
  await expect(home.sheet.locator('dt')).toHaveText([
    'Popup url',
    'Product',
    'Folder number',
    'Caller number',
    'Caller name',
    'Queue name',
  ]);
  // The page address as the Sheet gives it (XiVO appends the folder number when it pops the page).
  await expect(home.sheetValue('Popup url')).toHaveText('https://crm.example.com/customer?folder=');
  await expect(home.sheetValue('Folder number')).toHaveText('4711');
  await expect(home.sheetValue('Product')).toHaveText('Fibre 1 Gb');
  await expect(home.sheet.locator('a')).toHaveCount(0);

  await control.answer(callId);
  await expect(home.state).toHaveAttribute('data-state', 'AgentOnCall');
  await expect(desk.liveRegion).toContainText('Your state is now On a call.');
  await expect(home.callCard.getByText('On the call')).toBeVisible();
  // The README picture: the policy's notice dismissed, the call a few seconds old.
  await page
    .getByRole('list', { name: 'Messages' })
    .getByRole('button', { name: /^Dismiss/ })
    .first()
    .click();
  await expect(page.getByTestId('call-duration')).toHaveText(/^0:0[2-9]$/);
  // The README's picture is refreshed on request only, so a test run leaves the tree as it was.
  if (process.env['UPDATE_README_SCREENSHOT']) {
    await mkdir('docs', { recursive: true });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.screenshot({ path: 'docs/screenshot.png' });
  }
  await screenshotBothThemes(page, 'home-call');

  await page.getByRole('button', { name: 'Hang up' }).click();
  await expect(home.state).toHaveAttribute('data-state', 'AgentOnWrapup');
  await expect(home.wrapUp).toContainText('Wrap-up for 0:0');
  await screenshotBothThemes(page, 'home-wrapup');
});
