import { ALICE, expect, test } from './fixtures';
import { SettingsPage } from './pages/settings-page';

// Issue 11, major 1: a settings change must change that setting only. Choosing a language used to
// reset the theme and empty the remembered server, login and phone line.
test('choosing a language keeps the theme and the remembered server, login and line', async ({
  page,
  host,
  signedIn,
  desk,
}) => {
  const server = host.practice()!.baseUrl;
  await signedIn({ ...ALICE, server });
  await desk.open('Settings');
  await page.getByLabel('Theme', { exact: true }).selectOption({ label: 'Dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await new SettingsPage(page).chooseLanguage('Français');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');

  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Rubriques' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('button', { name: 'Réglages' }).click();
  await expect(page.getByLabel('Thème', { exact: true })).toHaveValue('dark');

  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByLabel('Le serveur de mon entreprise', { exact: true })).toBeChecked();
  await expect(page.getByLabel('Adresse du serveur', { exact: true })).toHaveValue(server);
  await expect(page.getByLabel('Identifiant', { exact: true })).toHaveValue(ALICE.login);
  await expect(page.getByLabel('Numéro de votre poste', { exact: true })).toHaveValue(ALICE.phone);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});
