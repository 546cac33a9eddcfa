import { ALICE, expect, screenshotBothThemes, test } from './fixtures';
import { CallbacksPage } from './pages/callbacks-page';

test('a callback is taken, started on the phone number and closed with a status', async ({
  page,
  signedIn,
  desk,
  control,
}) => {
  await signedIn(ALICE);
  await desk.open('Callbacks');
  const callbacks = new CallbacksPage(page);
  const lea = callbacks.card('Léa Bernard');
  await expect(lea).toContainText('Free');
  await expect(lea).toContainText('Boulangerie Bernard');
  await screenshotBothThemes(page, 'callbacks');

  await lea.getByRole('button', { name: 'Take' }).click();
  await expect(lea).toContainText('Yours');
  await lea.getByRole('button', { name: 'Call phone 0230210082' }).click();
  const form = lea.getByTestId('ticket-form');
  await expect(form).toBeVisible();
  await screenshotBothThemes(page, 'callbacks-ticket');

  await callbacks.closeWith('Léa Bernard', 'Answered', 'Quote sent for 3 licences');
  // A status other than Callback closes the request: it leaves the list.
  await expect(lea).toHaveCount(0);
  const state = JSON.stringify(await control.state());
  expect(state).not.toContain('Boulangerie Bernard');
});

test('a callback asked back later gets a new due date and period', async ({ page, signedIn, desk }) => {
  await signedIn(ALICE);
  await desk.open('Callbacks');
  const callbacks = new CallbacksPage(page);
  const nadia = callbacks.card('Nadia Haddad');
  await nadia.getByRole('button', { name: 'Take' }).click();
  await nadia.getByRole('button', { name: 'Call phone 0478963214' }).click();
  const form = nadia.getByTestId('ticket-form');
  await form.getByLabel('Call back later').check();
  await form.getByLabel('New due date').fill('2099-01-15');
  await form.getByLabel('Preferred period').selectOption({ label: 'Evening (17:00–19:30)' });
  await form.getByRole('button', { name: 'Save result' }).click();
  await expect(nadia.getByTestId('ticket-outcome')).toHaveText('Saved.');
  await expect(nadia).toContainText('Evening (17:00–19:30)');
});
