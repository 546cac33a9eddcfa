import { expect, type Locator, type Page } from '@playwright/test';

export type Section = 'My desk' | 'Queues' | 'Statistics' | 'Callbacks' | 'Team' | 'Settings';

/** The frame around every screen: header (tray status), banners, section tabs, live region. */
export class DeskPage {
  readonly nav: Locator;
  readonly trayStatus: Locator;
  readonly banner: Locator;
  readonly liveRegion: Locator;
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Sections' });
    this.trayStatus = page.getByTestId('tray-status');
    this.banner = page.getByTestId('connection-banner');
    this.liveRegion = page.getByTestId('live-region');
    this.heading = page.getByRole('heading', { level: 1 });
  }

  async open(section: Section): Promise<void> {
    await this.nav.getByRole('button', { name: section, exact: true }).click();
    await expect(this.nav.getByRole('button', { name: section, exact: true })).toHaveAttribute(
      'aria-current',
      'page',
    );
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
  }
}
