import type { Page } from '@playwright/test';

export class SettingsPage {
  constructor(readonly page: Page) {}

  async chooseLanguage(label: 'English' | 'Français', fieldLabel = 'Language'): Promise<void> {
    await this.page.getByLabel(fieldLabel, { exact: true }).selectOption({ label });
  }
}
