import type { Locator, Page } from '@playwright/test';

/** The agent's own desk: state, Ready/Pause, the call card. */
export class HomePage {
  readonly state: Locator;
  readonly timeInState: Locator;
  readonly readyButton: Locator;
  readonly pauseButton: Locator;
  readonly reasons: Locator;
  readonly callCard: Locator;
  readonly sheet: Locator;
  readonly wrapUp: Locator;

  constructor(readonly page: Page) {
    this.state = page.getByTestId('agent-state');
    this.timeInState = page.getByTestId('time-in-state');
    this.readyButton = page.getByRole('button', { name: /^Ready/ });
    this.pauseButton = page.getByRole('button', { name: /^(Pause|Change pause)/ });
    this.reasons = page.getByRole('group', { name: 'Pause reasons' });
    this.callCard = page.getByTestId('call-card');
    this.sheet = page.getByTestId('sheet-fields');
    this.wrapUp = page.getByTestId('wrapup');
  }

  async pauseWith(reason: string): Promise<void> {
    await this.pauseButton.click();
    await this.reasons.getByRole('button', { name: reason, exact: true }).click();
  }

  /** The value shown for a Sheet field, by its label. */
  sheetValue(label: string): Locator {
    return this.sheet
      .locator('.sheet-field', { has: this.page.getByText(label, { exact: true }) })
      .locator('dd');
  }
}
