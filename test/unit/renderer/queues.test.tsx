import { fireEvent, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { makeSnapshot } from './fixtures';
import { renderDesk } from './harness';

const admin = () => {
  const base = makeSnapshot();
  return makeSnapshot({ user: { ...base.user!, profile: 'Admin' } });
};

describe('queues', () => {
  it('lists the agent’s queues with penalties and waiting calls', () => {
    renderDesk(makeSnapshot(), { screen: 'queues' });
    const sales = screen.getByTestId('membership-1');
    expect(sales.textContent).toContain('Sales');
    expect(
      within(sales)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['2', '0']);
    const support = screen.getByTestId('membership-2');
    expect(
      within(support)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['0', '2']);
    expect(screen.queryByTestId('membership-3')).toBeNull();
  });

  it('is read-only for a profile that may not manage membership', () => {
    renderDesk(makeSnapshot(), { screen: 'queues' });
    expect(
      screen.getByText('Your profile lets you see your queues; a supervisor changes them.'),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Leave/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Join' })).toBeNull();
  });

  it('changes a penalty, leaves and joins where the profile allows', () => {
    const view = renderDesk(admin(), { screen: 'queues' });
    const penalty = screen.getByLabelText('Penalty in Support');
    fireEvent.input(penalty, { target: { value: '5' } });
    fireEvent.click(within(screen.getByTestId('membership-2')).getByRole('button', { name: 'Save' }));
    expect(view.fake.sent('queue:set')).toEqual([{ queueId: 2, penalty: 5 }]);

    fireEvent.click(screen.getByRole('button', { name: 'Leave Sales' }));
    expect(view.fake.sent('queue:leave')).toEqual([{ queueId: 1 }]);

    const joinQueue = screen.getByLabelText('Join queue') as HTMLSelectElement;
    expect([...joinQueue.options].map((option) => option.textContent)).toEqual(['Billing']);
    fireEvent.input(screen.getByLabelText('Penalty'), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Join' }));
    expect(view.fake.sent('queue:set')[1]).toEqual({ queueId: 3, penalty: 3 });
  });

  it('refuses a penalty that is not a whole number from 0 to 100', () => {
    const view = renderDesk(admin(), { screen: 'queues' });
    const penalty = screen.getByLabelText('Penalty in Support');
    fireEvent.input(penalty, { target: { value: '101' } });
    expect(penalty.getAttribute('aria-invalid')).toBe('true');
    const save = within(screen.getByTestId('membership-2')).getByRole('button', { name: 'Save' });
    expect((save as HTMLButtonElement).disabled).toBe(true);
    fireEvent.submit(penalty.closest('form')!);
    expect(view.fake.sent('queue:set')).toEqual([]);
  });

  it('follows the desk: a removed membership (penalty -1) disappears', () => {
    const view = renderDesk(makeSnapshot(), { screen: 'queues' });
    view.patch([{ path: ['memberships', '19:2'], value: { agentId: 19, queueId: 2, penalty: -1 } }]);
    expect(screen.queryByTestId('membership-2')).toBeNull();
    view.patch([{ path: ['queues', '1'], value: { ...makeSnapshot().queues['1']!, waitingCalls: 7 } }]);
    expect(within(screen.getByTestId('membership-1')).getAllByRole('cell')[0]!.textContent).toBe('7');
  });
});
