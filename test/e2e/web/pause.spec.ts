import { ALICE, expect, screenshotBothThemes, test } from './fixtures';

test('pauses with a reason from the server, then becomes Ready again', async ({
  page,
  signedIn,
  home,
  desk,
}) => {
  await signedIn(ALICE);
  await home.pauseButton.click();
  await expect(home.reasons.getByRole('button')).toHaveText([
    'Pause',
    'Lunch',
    'Coffee break',
    'Training',
    'Back office',
    'Pause without a reason',
    'Cancel',
  ]);
  await screenshotBothThemes(page, 'home-pause-reasons');
  await home.reasons.getByRole('button', { name: 'Lunch', exact: true }).click();

  await expect(home.state).toHaveAttribute('data-state', 'AgentOnPause');
  await expect(home.state).toContainText('Paused · Lunch');
  await expect(desk.trayStatus).toContainText('Paused');
  await expect(desk.liveRegion).toHaveText('Your state is now Paused · Lunch.');
  await expect(home.timeInState).toHaveText(/^0:0\d$/);
  await screenshotBothThemes(page, 'home-paused');

  await home.readyButton.click();
  await expect(home.state).toHaveAttribute('data-state', 'AgentReady');
  await expect(desk.liveRegion).toHaveText('Your state is now Ready.');
});
