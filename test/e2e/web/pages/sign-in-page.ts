import type { Locator, Page } from '@playwright/test';

export interface Credentials {
  login: string;
  password: string;
  phone: string;
  /** A server address; omitted = the practice server. */
  server?: string;
}

/** The sign-in form. */
export class SignInPage {
  readonly submitButton: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.submitButton = page.getByRole('button', { name: 'Sign in' });
    this.error = page.getByRole('alert');
  }

  async fill(credentials: Credentials): Promise<void> {
    if (credentials.server) {
      await this.page.getByLabel('My company’s server', { exact: true }).check();
      await this.page.getByLabel('Server address', { exact: true }).fill(credentials.server);
    } else {
      await this.page.getByLabel('Practice server', { exact: true }).check();
    }
    await this.page.getByLabel('Login', { exact: true }).fill(credentials.login);
    await this.page.getByLabel('Password', { exact: true }).fill(credentials.password);
    await this.page.getByLabel('Phone number of your line', { exact: true }).fill(credentials.phone);
  }

  async signIn(credentials: Credentials): Promise<void> {
    await this.fill(credentials);
    await this.submitButton.click();
  }
}
