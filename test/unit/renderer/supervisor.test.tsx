import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agent, NOW, supervisorSnapshot } from './fixtures';
import { renderDesk } from './harness';

// happy-dom has no layout: give the list's scroll box the size a real window would (800 × 600 px),
// so the virtualiser has a viewport to fill. Real layout is covered by the Playwright suite.
beforeAll(() => {
  for (const key of ['clientHeight', 'clientWidth'] as const) {
    const inherited = Object.getOwnPropertyDescriptor(Element.prototype, key);
    Object.defineProperty(HTMLElement.prototype, key, {
      configurable: true,
      get(this: HTMLElement) {
        if (this.classList.contains('vlist-scroll')) return key === 'clientHeight' ? 600 : 800;
        return (inherited?.get?.call(this) as number | undefined) ?? 0;
      },
    });
  }
});
afterAll(() => {
  delete (HTMLElement.prototype as unknown as Record<string, unknown>).clientHeight;
  delete (HTMLElement.prototype as unknown as Record<string, unknown>).clientWidth;
});

const rows = () => screen.queryAllByTestId('agent-row');
const rowOf = (id: number) => rows().find((row) => row.dataset.agentId === String(id));

describe('team (supervisor)', () => {
  it('renders only a window of rows out of 2,000 agents, sorted by name', () => {
    renderDesk(supervisorSnapshot(2000), { screen: 'supervisor' });
    expect(screen.getByTestId('team-count').textContent).toBe('2000 agents of 2000');
    const shown = rows();
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.length).toBeLessThan(40);
    expect(shown.map((row) => row.dataset.agentId).slice(0, 3)).toEqual(['1', '2', '3']);
    expect(screen.getByRole('table', { name: 'Agents' }).getAttribute('aria-rowcount')).toBe('2001');
  });

  it('counts agents by state, with words beside the colours', () => {
    renderDesk(supervisorSnapshot(10), { screen: 'supervisor' });
    expect(screen.getByTestId('count-ready').textContent).toBe('Ready2');
    expect(screen.getByTestId('count-paused').textContent).toBe('Paused2');
    expect(screen.getByTestId('count-oncall').textContent).toBe('On a call2');
    expect(rowOf(1)!.textContent).toContain('Paused');
  });

  it('shows a state event in its row after the next frame, with time in state', () => {
    const view = renderDesk(supervisorSnapshot(50), { screen: 'supervisor' });
    view.fake.emit('desk:patch', [
      {
        path: ['agents', '5'],
        value: agent(5, { state: 'AgentOnCall', since: NOW - 3_000, groupId: 2, queues: [3] }),
      },
    ]);
    expect(rowOf(5)!.dataset.state).toBe('AgentReady');
    view.frame();
    expect(rowOf(5)!.dataset.state).toBe('AgentOnCall');
    expect(rowOf(5)!.textContent).toContain('On a call');
    expect(rowOf(5)!.textContent).toContain('0:03');
    view.tick(2_000);
    expect(rowOf(5)!.textContent).toContain('0:05');
  });

  it('filters by group, queue, state and name', () => {
    renderDesk(supervisorSnapshot(30), { screen: 'supervisor' });
    fireEvent.change(screen.getByLabelText('Group'), { target: { value: '2' } });
    expect(rows().every((row) => Number(row.dataset.agentId) % 2 === 1)).toBe(true);
    expect(screen.getByTestId('team-count').textContent).toBe('15 agents of 30');
    fireEvent.change(screen.getByLabelText('Queue'), { target: { value: '1' } });
    expect(rows().map((row) => row.dataset.agentId)).toEqual(['3', '9', '15', '21', '27']);
    fireEvent.change(screen.getByLabelText('State'), { target: { value: 'oncall' } });
    expect(rows().map((row) => row.dataset.agentId)).toEqual(['27']);
    fireEvent.change(screen.getByLabelText('State'), { target: { value: '' } });
    fireEvent.input(screen.getByLabelText('Search agents'), { target: { value: '0021' } });
    expect(rows().map((row) => row.dataset.agentId)).toEqual(['21']);
  });

  it('a state chip toggles the state filter', () => {
    renderDesk(supervisorSnapshot(10), { screen: 'supervisor' });
    const chip = screen.getByTestId('count-wrapup');
    fireEvent.click(chip);
    expect(chip.getAttribute('aria-pressed')).toBe('true');
    expect(rows().map((row) => row.dataset.state)).toEqual(['AgentOnWrapup', 'AgentOnWrapup']);
    fireEvent.click(chip);
    expect(rows()).toHaveLength(10);
  });

  it('opens an agent: listen, pause, membership with penalties, statistics', async () => {
    const snapshot = supervisorSnapshot(10);
    snapshot.memberships['5:2'] = { agentId: 5, queueId: 2, penalty: 4 };
    const view = renderDesk(snapshot, { screen: 'supervisor' });
    fireEvent.click(screen.getByRole('button', { name: 'Details for Agent 0005' }));
    const detail = screen.getByTestId('agent-detail');
    expect(within(detail).getByRole('heading', { name: 'Agent 0005' })).toBeTruthy();
    fireEvent.click(within(detail).getByRole('button', { name: 'Listen' }));
    expect(view.fake.sent('agent:listen')).toEqual([{ agentId: 5 }]);

    fireEvent.input(within(detail).getByLabelText('Penalty in Support'), { target: { value: '1' } });
    fireEvent.click(within(detail).getByRole('button', { name: 'Save' }));
    expect(view.fake.sent('queue:set')).toEqual([{ queueId: 2, penalty: 1, agentId: 5 }]);
    const leave = within(detail).getByRole('button', { name: 'Leave Support' }) as HTMLButtonElement;
    await waitFor(() => expect(leave.disabled).toBe(false));
    fireEvent.click(within(detail).getByRole('button', { name: 'Leave Support' }));
    expect(view.fake.sent('queue:leave')).toEqual([{ queueId: 2, agentId: 5 }]);
    expect(within(detail).getByText('No statistics yet.')).toBeTruthy();
    fireEvent.click(within(detail).getByRole('button', { name: 'Close agent details' }));
    expect(screen.queryByTestId('agent-detail')).toBeNull();
  });

  it('pauses or makes ready another agent by id', () => {
    const view = renderDesk(supervisorSnapshot(10), { screen: 'supervisor' });
    fireEvent.click(screen.getByRole('button', { name: 'Details for Agent 0005' }));
    fireEvent.click(screen.getByRole('button', { name: 'Pause agent' }));
    expect(view.fake.sent('agent:pause')).toEqual([{ agentId: 5, reason: null }]);
    fireEvent.click(screen.getByRole('button', { name: 'Details for Agent 0001' }));
    fireEvent.click(screen.getByRole('button', { name: 'Make ready' }));
    expect(view.fake.sent('agent:unpause')).toEqual([{ agentId: 1 }]);
  });
});
