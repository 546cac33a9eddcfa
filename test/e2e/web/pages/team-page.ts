import type { Locator, Page } from '@playwright/test';

export type Tone = 'ready' | 'paused' | 'oncall' | 'wrapup' | 'offline';

/** The supervisor's team view. */
export class TeamPage {
  readonly rows: Locator;
  readonly count: Locator;

  constructor(readonly page: Page) {
    this.rows = page.getByTestId('agent-row');
    this.count = page.getByTestId('team-count');
  }

  chip(tone: Tone): Locator {
    return this.page.getByTestId(`count-${tone}`);
  }

  row(agentId: number): Locator {
    return this.page.locator(`[data-testid=agent-row][data-agent-id="${agentId}"]`);
  }
}
