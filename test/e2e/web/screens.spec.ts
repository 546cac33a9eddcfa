import { expect, HUGO, screenshotBothThemes, test } from './fixtures';

/**
 * Every screen, as a user who sees them all, in both themes and in a 360 px docked window: the
 * screenshots go to test/e2e/screenshots/ for a person to look at; the test checks nothing
 * overflows sideways.
 */
test('every screen in both themes, wide and docked at 360 px', async ({ page, signedIn, desk }) => {
  await signedIn(HUGO);
  const sections = ['My desk', 'Queues', 'Statistics', 'Callbacks', 'Team', 'Settings'] as const;
  for (const width of [1100, 360]) {
    await page.setViewportSize({ width, height: 760 });
    for (const section of sections) {
      await desk.open(section);
      await expect(desk.heading).toBeVisible();
      const name = `${section.toLowerCase().replace(' ', '-')}${width === 360 ? '-360' : ''}`;
      await screenshotBothThemes(page, name);
      const overflow = await page.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      expect(overflow, `${section} at ${width}px scrolls sideways`).toBeLessThanOrEqual(0);
    }
  }
});
