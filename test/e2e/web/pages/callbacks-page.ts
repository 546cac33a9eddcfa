import type { Locator, Page } from '@playwright/test';

/** The callbacks screen: one card per request. */
export class CallbacksPage {
  constructor(readonly page: Page) {}

  card(name: string): Locator {
    return this.page
      .getByTestId('callback')
      .filter({ has: this.page.getByRole('heading', { name, exact: true }) });
  }

  async search(text: string): Promise<void> {
    await this.page.getByLabel('Search', { exact: true }).fill(text);
  }

  async closeWith(name: string, status: string, comment: string): Promise<void> {
    const form = this.card(name).getByTestId('ticket-form');
    await form.getByLabel(status, { exact: true }).check();
    await form.getByLabel('Comment').fill(comment);
    await form.getByRole('button', { name: 'Save result' }).click();
  }
}
