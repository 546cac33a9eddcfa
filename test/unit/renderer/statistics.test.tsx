import { screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { makeSnapshot } from './fixtures';
import { renderDesk } from './harness';

describe('statistics', () => {
  it('shows ready, paused and wrap-up time and calls', () => {
    renderDesk(makeSnapshot(), { screen: 'stats' });
    expect(screen.getByTestId('stat-ready').textContent).toBe('Ready time7:14');
    expect(screen.getByTestId('stat-paused').textContent).toBe('Paused time2:05');
    expect(screen.getByTestId('stat-wrapup').textContent).toBe('Wrap-up time1:02:05');
    expect(screen.getByTestId('stat-answered').textContent).toBe('Calls answered12');
    expect(screen.getByTestId('stat-missed').textContent).toBe('Calls missed1');
  });

  it('updates live as the server sends new figures', () => {
    const view = renderDesk(makeSnapshot(), { screen: 'stats' });
    const stats = makeSnapshot().stats['19']!;
    view.patch([{ path: ['stats', '19'], value: { ...stats, readyTime: 500, answered: 13 } }]);
    expect(screen.getByTestId('stat-ready').textContent).toBe('Ready time8:20');
    expect(screen.getByTestId('stat-answered').textContent).toBe('Calls answered13');
  });

  it('lists every figure the server sent, and says when there are none', () => {
    const view = renderDesk(makeSnapshot(), { screen: 'stats' });
    expect(screen.getByText('AgentReadyTotalTime')).toBeTruthy();
    view.patch([{ path: ['stats', '19'] }]);
    expect(screen.getByText('No statistics yet.')).toBeTruthy();
  });
});
