import { ALICE, expect, test } from './fixtures';
import { SettingsPage } from './pages/settings-page';

test('switching the language to French and back', async ({ page, signedIn, desk, home }) => {
  await signedIn(ALICE);
  await desk.open('Settings');
  await new SettingsPage(page).chooseLanguage('Français');

  await expect(page.getByRole('navigation', { name: 'Rubriques' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Réglages' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await page.getByRole('button', { name: 'Mon poste' }).click();
  await expect(home.state).toContainText('Disponible');
  await expect(page.getByRole('button', { name: /^Disponible/ })).toBeVisible();

  await page.getByRole('button', { name: 'Réglages' }).click();
  await new SettingsPage(page).chooseLanguage('English', 'Langue');
  await expect(desk.nav).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
});
