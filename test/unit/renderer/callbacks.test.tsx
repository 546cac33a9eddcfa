import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { CallbackRequestView, DeskSnapshot } from '../../../preload/contract';
import { callbackRequest, makeSnapshot, MORNING, NOW } from './fixtures';
import { renderDesk } from './harness';

function withRequests(requests: CallbackRequestView[], overrides: Partial<DeskSnapshot> = {}): DeskSnapshot {
  const base = makeSnapshot();
  return makeSnapshot({
    callbackLists: { 'list-1': { ...base.callbackLists['list-1']!, requests } },
    ...overrides,
  });
}

const names = () =>
  screen.getAllByTestId('callback').map((item) => within(item).getByRole('heading').textContent);
const card = (name: string) =>
  screen.getAllByTestId('callback').find((item) => item.textContent?.includes(name))!;

describe('callbacks', () => {
  it('orders requests by due date, then preferred period', () => {
    renderDesk(makeSnapshot(), { screen: 'callbacks' });
    expect(names()).toEqual(['Carla Early', "Alice O'Neill", 'Bob Later']);
    expect(screen.getByText('3 requests')).toBeTruthy();
    expect(card('Bob Later').textContent).toContain('Morning (09:00–12:00)');
    expect(card('Carla Early').textContent).toContain('Taken by Alice Johnson');
  });

  it('searches names, companies and numbers, and filters by owner and list', () => {
    const snapshot = withRequests([
      callbackRequest('a', { firstName: 'Alice', company: 'Acme' }),
      callbackRequest('b', {
        firstName: 'Bruno',
        lastName: 'B',
        company: 'Globex',
        phoneNumber: '0555',
        agentId: 19,
      }),
    ]);
    snapshot.callbackLists['list-2'] = {
      uuid: 'list-2',
      name: 'Complaints',
      queueId: 2,
      requests: [callbackRequest('z', { listUuid: 'list-2', firstName: 'Zoe', lastName: 'Z' })],
    };
    renderDesk(snapshot, { screen: 'callbacks' });
    fireEvent.input(screen.getByLabelText('Search'), { target: { value: 'globex' } });
    expect(names()).toEqual(['Bruno B']);
    fireEvent.input(screen.getByLabelText('Search'), { target: { value: '0555' } });
    expect(names()).toEqual(['Bruno B']);
    fireEvent.input(screen.getByLabelText('Search'), { target: { value: '' } });
    fireEvent.click(screen.getByLabelText('Free'));
    expect(names()).toEqual(["Alice O'Neill", 'Zoe Z']);
    fireEvent.click(screen.getByLabelText('Mine'));
    expect(names()).toEqual(['Bruno B']);
    fireEvent.click(screen.getByLabelText('All'));
    fireEvent.change(screen.getByLabelText('List'), { target: { value: 'list-2' } });
    expect(names()).toEqual(['Zoe Z']);
    fireEvent.input(screen.getByLabelText('Search'), { target: { value: 'nobody' } });
    expect(screen.getByText('No callback requests match.')).toBeTruthy();
  });

  it('takes a free request and releases one of mine', () => {
    const view = renderDesk(
      withRequests([callbackRequest('free'), callbackRequest('mine', { firstName: 'Mia', agentId: 19 })]),
      {
        screen: 'callbacks',
      },
    );
    fireEvent.click(within(card('Alice')).getByRole('button', { name: 'Take' }));
    expect(view.fake.sent('callback:take')).toEqual([{ uuid: 'free' }]);
    fireEvent.click(within(card('Mia')).getByRole('button', { name: 'Release' }));
    expect(view.fake.sent('callback:release')).toEqual([{ uuid: 'mine' }]);
  });

  it('starts a request of mine on the phone or the mobile number', async () => {
    const view = renderDesk(withRequests([callbackRequest('mine', { agentId: 19 })]), {
      screen: 'callbacks',
    });
    fireEvent.click(screen.getByRole('button', { name: 'Call mobile 0789654123' }));
    expect(view.fake.sent('callback:start')).toEqual([{ uuid: 'mine', phoneNumber: '0789654123' }]);
    await waitFor(() =>
      expect(
        (screen.getByRole('button', { name: 'Call phone 0230210082' }) as HTMLButtonElement).disabled,
      ).toBe(false),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Call phone 0230210082' }));
    expect(view.fake.sent('callback:start')[1]).toEqual({ uuid: 'mine', phoneNumber: '0230210082' });
  });

  it('closes a started request with a status and a comment', async () => {
    const view = renderDesk(
      withRequests([callbackRequest('mine', { agentId: 19, ticketUuid: 'ticket-1' })]),
      {
        screen: 'callbacks',
      },
    );
    view.fake.answer('callback:updateTicket', { ok: true, value: { delivery: 'confirmed' } });
    const form = screen.getByTestId('ticket-form');
    const save = within(form).getByRole('button', { name: 'Save result' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    fireEvent.click(within(form).getByLabelText('Answered'));
    fireEvent.input(within(form).getByLabelText('Comment'), { target: { value: '  Contract changed  ' } });
    expect(within(form).queryByLabelText('New due date')).toBeNull();
    fireEvent.click(save);
    expect(view.fake.sent('callback:updateTicket')).toEqual([
      { uuid: 'mine', status: 'Answered', comment: 'Contract changed' },
    ]);
    expect((await screen.findByTestId('ticket-outcome')).textContent).toBe('Saved.');
    expect(screen.getByTestId('live-region').textContent).toBe('Saved.');
  });

  it('asks for a new due date and period when the status is Callback', () => {
    const view = renderDesk(
      withRequests([callbackRequest('mine', { agentId: 19, ticketUuid: 'ticket-1' })]),
      {
        screen: 'callbacks',
      },
    );
    view.fake.answer('callback:updateTicket', { ok: true, value: { delivery: 'confirmed' } });
    const form = screen.getByTestId('ticket-form');
    fireEvent.click(within(form).getByLabelText('Call back later'));
    const save = within(form).getByRole('button', { name: 'Save result' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    fireEvent.input(within(form).getByLabelText('New due date'), { target: { value: '2026-03-12' } });
    fireEvent.change(within(form).getByLabelText('Preferred period'), { target: { value: MORNING.uuid } });
    fireEvent.click(save);
    expect(view.fake.sent('callback:updateTicket')).toEqual([
      { uuid: 'mine', status: 'Callback', comment: '', dueDate: '2026-03-12', periodUuid: MORNING.uuid },
    ]);
  });

  it('says when an update is kept to be sent later, and marks outbox entries as waiting', async () => {
    const view = renderDesk(
      withRequests([callbackRequest('mine', { agentId: 19, ticketUuid: 'ticket-1' })]),
      {
        screen: 'callbacks',
      },
    );
    view.fake.answer('callback:updateTicket', { ok: true, value: { delivery: 'queued' } });
    const form = screen.getByTestId('ticket-form');
    fireEvent.click(within(form).getByLabelText('No answer'));
    fireEvent.click(within(form).getByRole('button', { name: 'Save result' }));
    expect((await screen.findByTestId('ticket-outcome')).textContent).toBe(
      'Saved on this computer; it will be sent when the connection is back.',
    );
    expect(screen.queryByTestId('waiting-to-send')).toBeNull();
    view.patch([
      {
        path: ['outbox'],
        value: [
          {
            id: 'o1',
            uuid: 'mine',
            status: 'NoAnswer',
            comment: '',
            dueDate: null,
            periodUuid: null,
            queuedAt: NOW,
            attempts: 1,
            lastError: 'offline',
          },
        ],
      },
    ]);
    expect(screen.getByTestId('waiting-to-send').textContent).toBe('Waiting to send');
    expect(screen.getByTestId('outbox-summary').textContent).toContain('1 update is waiting to be sent');
  });

  it('plays the recorded message when there is one', () => {
    const view = renderDesk(
      withRequests([
        callbackRequest('voice', { voiceMessageRef: 'msg-1' }),
        callbackRequest('plain', { firstName: 'Paul' }),
      ]),
      {
        screen: 'callbacks',
      },
    );
    expect(within(card('Paul')).queryByRole('button', { name: 'Play message' })).toBeNull();
    fireEvent.click(within(card('Alice')).getByRole('button', { name: 'Play message' }));
    expect(view.fake.sent('callback:listenMessage')).toEqual([{ uuid: 'voice' }]);
  });
});
