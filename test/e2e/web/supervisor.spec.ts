import { startPracticeServer, type PracticeServer } from '../../../sim/index';
import { expect, openDesk, screenshotBothThemes, startHost, test } from './fixtures';
import { DeskPage } from './pages/desk-page';
import { SignInPage } from './pages/sign-in-page';
import { TeamPage } from './pages/team-page';

const AGENTS = 500;
const FIRST_ID = 101;

/** A contact centre of 500 agents in 5 groups, and an Admin who watches them. */
function bigCentre() {
  const ids = Array.from({ length: AGENTS }, (_, index) => FIRST_ID + index);
  return {
    queues: [{ id: 1, name: 'sales', displayName: 'Sales', number: '3001' }],
    groups: [1, 2, 3, 4, 5].map((id) => ({ id, name: `team${id}`, displayName: `Team ${id}` })),
    lines: [...ids.map((id) => ({ id, number: String(5000 + id) })), { id: 1, number: '1999' }],
    agents: ids.map((id) => ({
      id,
      firstName: 'Agent',
      lastName: String(id).padStart(4, '0'),
      number: String(7000 + id),
      groupId: (id % 5) + 1,
    })),
    memberships: ids.map((agentId) => ({ agentId, queueId: 1, penalty: 0 })),
    users: [
      {
        id: 1,
        login: 'admin',
        password: 'practice',
        firstName: 'Ada',
        lastName: 'Admin',
        lineNumber: '1999',
        profile: { type: 'Admin' as const },
      },
    ],
    userStatuses: [
      { name: 'lunch', longName: 'Lunch', color: '#D9534F', actions: [{ name: 'queuepause_all' }] },
      { name: 'available', longName: 'Available', color: '#2E9E4F', actions: [{ name: 'queueunpause_all' }] },
    ],
  };
}

let sim: PracticeServer;
test.beforeEach(async () => {
  sim = await startPracticeServer({ port: 0, data: bigCentre() });
  for (let id = FIRST_ID; id < FIRST_ID + AGENTS; id += 1) {
    const logged = sim.model.loginAgent(id, String(5000 + id));
    if (!logged.ok) throw new Error(`login of agent ${id} failed`);
  }
});
test.afterEach(async () => {
  await sim.close();
});

test('the team view keeps up while 500 agents change state', async ({ page }) => {
  const started = await startHost({ practice: false });
  try {
    await openDesk(page, started.host);
    await new SignInPage(page).signIn({
      login: 'admin',
      password: 'practice',
      phone: '1999',
      server: sim.baseUrl,
    });
    const desk = new DeskPage(page);
    await desk.open('Team');
    const team = new TeamPage(page);
    await expect(team.count).toHaveText(`${AGENTS} agents of ${AGENTS}`);
    await expect(team.chip('ready')).toHaveText(`Ready${AGENTS}`);

    // Wave 1: every agent pauses, all at once.
    let wave = Date.now();
    for (let id = FIRST_ID; id < FIRST_ID + AGENTS; id += 1) sim.model.pauseAgent(id, 'lunch');
    await expect(team.chip('paused')).toHaveText(`Paused${AGENTS}`, { timeout: 5_000 });
    await expect(team.chip('ready')).toHaveText('Ready0');
    const pauseMs = Date.now() - wave;
    const shown = await team.rows.count();
    expect(shown).toBeGreaterThan(5);
    expect(shown).toBeLessThan(60); // virtualised: a screenful, not 500 rows
    for (let index = 0; index < Math.min(shown, 8); index += 1) {
      await expect(team.rows.nth(index)).toHaveAttribute('data-state', 'AgentOnPause');
    }

    // Wave 2: a mixed stream — even agents back to Ready, odd ones logged out, interleaved.
    wave = Date.now();
    for (let id = FIRST_ID; id < FIRST_ID + AGENTS; id += 1) {
      if (id % 2 === 0) sim.model.unpauseAgent(id);
      else sim.model.logoutAgent(id);
    }
    await expect(team.chip('ready')).toHaveText(`Ready${AGENTS / 2}`, { timeout: 5_000 });
    await expect(team.chip('offline')).toHaveText(`Logged out${AGENTS / 2}`, { timeout: 5_000 });
    await expect(team.chip('paused')).toHaveText('Paused0');
    await expect(team.row(102)).toHaveAttribute('data-state', 'AgentReady');
    await expect(team.row(101)).toHaveAttribute('data-state', 'AgentLoggedOut');
    const mixedMs = Date.now() - wave;
    test.info().annotations.push({
      type: 'catch-up',
      description: `500 pauses shown after ${pauseMs} ms; 500 mixed events after ${mixedMs} ms`,
    });

    // Filters still work on the live list.
    await page.getByLabel('Group').selectOption({ label: 'Team 2' });
    await expect(team.count).toHaveText(`${AGENTS / 5} agents of ${AGENTS}`);
    await page.getByLabel('Group').selectOption({ label: 'All groups' });
    await screenshotBothThemes(page, 'team');

    // One agent in detail: listen is sent to the server.
    await page.getByRole('button', { name: 'Details for Agent 0102' }).click();
    const detail = page.getByTestId('agent-detail');
    await expect(detail.getByRole('heading', { name: 'Agent 0102' })).toBeVisible();
    await expect(detail.getByTestId('membership-1')).toContainText('Sales');
    await screenshotBothThemes(page, 'team-detail');
  } finally {
    await started.stop();
  }
});
