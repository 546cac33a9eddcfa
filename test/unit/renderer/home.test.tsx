import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { AgentView } from '../../../preload/contract';
import { agentErrorToDesk, translated } from '../../../main/desk/errors';
import { popReason, translator } from '../../../shared/i18n';
import { agent, incomingCall, makeSnapshot, NOW } from './fixtures';
import { renderDesk } from './harness';

const me = makeSnapshot().agent!;
const withState = (overrides: Partial<AgentView>) => {
  const next = { ...me, ...overrides };
  return [
    { path: ['agent'], value: next },
    { path: ['agents', '19'], value: next },
  ];
};

describe('agent home', () => {
  it('shows the state as words with its time in state, ticking', () => {
    const view = renderDesk(makeSnapshot());
    const panel = screen.getByTestId('agent-state');
    expect(panel.textContent).toContain('Ready');
    expect(panel.className).toContain('tone-ready');
    expect(screen.getByTestId('time-in-state').textContent).toBe('1:05');
    view.tick(60_000);
    expect(screen.getByTestId('time-in-state').textContent).toBe('2:05');
  });

  it('names the pause reason by its long name', () => {
    renderDesk(makeSnapshot({ agent: { ...me, state: 'AgentOnPause', cause: 'lunch' } }));
    expect(screen.getByTestId('agent-state').textContent).toContain('Paused · Lunch');
  });

  it('Ready invokes unpause and the state changes only when the desk says so', () => {
    const view = renderDesk(makeSnapshot({ agent: { ...me, state: 'AgentOnPause', cause: 'lunch' } }));
    fireEvent.click(screen.getByRole('button', { name: /^Ready/ }));
    expect(view.fake.sent('agent:unpause')).toEqual([{}]);
    // No optimistic flip: still paused until the server's event comes back.
    expect(screen.getByTestId('agent-state').dataset.state).toBe('AgentOnPause');
    view.patch(withState({ state: 'AgentReady', cause: null, since: NOW }));
    expect(screen.getByTestId('agent-state').dataset.state).toBe('AgentReady');
  });

  it('Pause opens the server reasons of kind pause; one click pauses with that reason', () => {
    const view = renderDesk(makeSnapshot());
    const pause = screen.getByRole('button', { name: /^Pause/ });
    expect(pause.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(pause);
    const picker = screen.getByRole('group', { name: 'Pause reasons' });
    const names = within(picker)
      .getAllByRole('button')
      .map((button) => button.textContent);
    expect(names).toEqual(['Lunch', 'Training', 'Pause without a reason', 'Cancel']);
    expect(document.activeElement?.textContent).toBe('Lunch');
    fireEvent.click(within(picker).getByRole('button', { name: 'Training' }));
    expect(view.fake.sent('agent:pause')).toEqual([{ reason: 'training' }]);
    expect(screen.queryByRole('group', { name: 'Pause reasons' })).toBeNull();
    expect(screen.getByTestId('agent-state').dataset.state).toBe('AgentReady');
  });

  it('pauses at once when the server offers no reasons', () => {
    const view = renderDesk(makeSnapshot({ pauseReasons: [] }));
    fireEvent.click(screen.getByRole('button', { name: /^Pause/ }));
    expect(view.fake.sent('agent:pause')).toEqual([{ reason: null }]);
  });

  it('the reason picker moves with arrow keys and closes with Escape, giving focus back', () => {
    renderDesk(makeSnapshot());
    fireEvent.click(screen.getByRole('button', { name: /^Pause/ }));
    const picker = screen.getByRole('group', { name: 'Pause reasons' });
    fireEvent.keyDown(picker, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toBe('Training');
    fireEvent.keyDown(picker, { key: 'ArrowUp' });
    fireEvent.keyDown(picker, { key: 'ArrowUp' });
    expect(document.activeElement?.textContent).toBe('Cancel');
    fireEvent.keyDown(picker, { key: 'Escape' });
    expect(screen.queryByRole('group', { name: 'Pause reasons' })).toBeNull();
    expect(document.activeElement?.id).toBe('pause-button');
  });

  it('Alt+P opens the reasons from any screen; Alt+R makes the agent ready', () => {
    const view = renderDesk(makeSnapshot({ agent: { ...me, state: 'AgentOnPause', cause: 'lunch' } }), {
      screen: 'stats',
    });
    fireEvent.keyDown(document, { altKey: true, code: 'KeyP' });
    expect(screen.getByRole('group', { name: 'Pause reasons' })).toBeTruthy();
    fireEvent.keyDown(document, { altKey: true, code: 'KeyR' });
    expect(view.fake.sent('agent:unpause')).toEqual([{}]);
  });

  it('documents the shortcuts on the buttons', () => {
    renderDesk(makeSnapshot());
    expect(screen.getByRole('button', { name: /^Ready/ }).getAttribute('aria-keyshortcuts')).toBe('Alt+R');
    expect(screen.getByRole('button', { name: /^Pause/ }).getAttribute('aria-keyshortcuts')).toBe('Alt+P');
    expect(screen.getByRole('button', { name: /^Ready/ }).textContent).toContain('Alt+R');
  });

  it('shows a pending mark and holds the buttons while the desk waits for the server', () => {
    renderDesk(makeSnapshot({ pending: [{ id: 'p1', action: 'agent:pause', startedAt: NOW }] }));
    expect(screen.getByTestId('pending').textContent).toBe('Waiting for the server…');
    const pause = screen.getByRole('button', { name: /^Pause/ });
    // Held but focusable: clicking does nothing while the desk waits.
    expect(pause.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(pause);
    expect(screen.queryByRole('group', { name: 'Pause reasons' })).toBeNull();
  });

  it('announces a state change to screen readers', () => {
    const view = renderDesk(makeSnapshot());
    expect(screen.getByTestId('live-region').textContent).toBe('');
    view.patch(withState({ state: 'AgentOnPause', cause: 'lunch', since: NOW }));
    expect(screen.getByTestId('live-region').textContent).toBe('Your state is now Paused · Lunch.');
  });

  it('offers agent login when the agent is logged out, on the remembered phone', () => {
    const view = renderDesk(makeSnapshot({ agent: { ...me, state: 'AgentLoggedOut' } }));
    fireEvent.click(screen.getByRole('button', { name: 'Log in on 1001' }));
    expect(view.fake.sent('agent:login')).toEqual([{ phoneNumber: '1001' }]);
  });

  it('LoggedInOnAnotherPhone shows both numbers and the two choices', async () => {
    const view = renderDesk(makeSnapshot({ agent: { ...me, state: 'AgentLoggedOut' } }));
    view.fake.answer('agent:login', {
      ok: false,
      error: {
        code: 'agent-error',
        message: 'LoggedInOnAnotherPhone',
        details: { error: 'LoggedInOnAnotherPhone', phoneNb: '1002', requestedNb: '1001' },
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Log in on 1001' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('already logged in on phone 1002, not on 1001');
    expect(within(alert).getByRole('button', { name: 'Keep working on 1002' })).toBeTruthy();
    view.fake.answer('agent:login', { ok: true, value: undefined });
    fireEvent.click(within(alert).getByRole('button', { name: 'Move my agent to 1001' }));
    await waitFor(() => expect(view.fake.sent('agent:login')).toHaveLength(2));
    expect(view.fake.sent('agent:logout')).toEqual([{}]);
    expect(view.fake.sent('agent:login')[1]).toEqual({ phoneNumber: '1001' });
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('an agent found logged in on another phone gets both numbers and the choices', async () => {
    const view = renderDesk(makeSnapshot({ agent: { ...me, phoneNb: '1002' } }));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('already logged in on phone 1002, not on 1001');
    fireEvent.click(within(alert).getByRole('button', { name: 'Keep working on 1002' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(view.fake.sent('agent:logout')).toEqual([]);
  });

  it('moving the agent to the signed-in line logs out there and in here', async () => {
    const view = renderDesk(makeSnapshot({ agent: { ...me, phoneNb: '1002' } }));
    fireEvent.click(screen.getByRole('button', { name: 'Move my agent to 1001' }));
    await waitFor(() => expect(view.fake.sent('agent:login')).toEqual([{ phoneNumber: '1001' }]));
    expect(view.fake.sent('agent:logout')).toEqual([{}]);
    view.patch(withState({ phoneNb: '1001' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('PhoneNumberUnknown says which number', async () => {
    const view = renderDesk(makeSnapshot({ agent: { ...me, state: 'AgentLoggedOut' } }));
    view.fake.answer('agent:login', {
      ok: false,
      // What the desk answers (main/desk/errors.ts), worded in the other language on purpose.
      error: agentErrorToDesk({ Error: 'PhoneNumberUnknown', RequestedNb: '1001' }, '', translator('fr')),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Log in on 1001' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'The server does not know the phone number 1001.',
    );
  });

  it('an offline refusal is said plainly', async () => {
    const view = renderDesk(makeSnapshot({ agent: { ...me, state: 'AgentOnPause', cause: null } }));
    view.fake.answer('agent:unpause', { ok: false, error: { code: 'offline', message: 'not connected' } });
    fireEvent.click(screen.getByRole('button', { name: /^Ready/ }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Not connected to the server: nothing was sent.',
    );
  });
});

describe('call card', () => {
  it('shows caller, queue, direction, duration and recording', () => {
    const view = renderDesk(makeSnapshot({ call: incomingCall() }));
    const card = screen.getByTestId('call-card');
    expect(within(card).getByRole('heading', { name: 'Incoming call' })).toBeTruthy();
    expect(card.textContent).toContain('Jeanne Martin');
    expect(card.textContent).toContain('0612345678');
    expect(card.textContent).toContain('Sales');
    expect(card.textContent).toContain('Incoming');
    expect(screen.getByTestId('call-duration').textContent).toBe('0:12');
    view.tick(50_000);
    expect(screen.getByTestId('call-duration').textContent).toBe('1:02');
  });

  it('lists the Sheet fields in their order; a url opens through the desk, never as a page link', async () => {
    const view = renderDesk(
      makeSnapshot({
        call: incomingCall({
          sheet: [
            { name: 'folderNumber', value: '&folder=1234', order: 30, type: 'text' },
            { name: 'popupUrl', value: 'https://crm.example.com/customer/42', order: 10, type: 'url' },
            { name: 'customerName', value: 'Jeanne Martin', order: 20, type: 'text' },
            { name: 'tracker', value: 'https://tracker.example.org/c/42', order: 40, type: 'url' },
          ],
        }),
      }),
    );
    const fields = screen.getByTestId('sheet-fields');
    const labels = [...fields.querySelectorAll('dt')].map((dt) => dt.textContent);
    expect(labels).toEqual(['Popup url', 'Customer name', 'Folder number', 'Tracker']);
    expect(fields.querySelector('a')).toBeNull();

    // The pop-up URL is the screen pop itself; another url field is asked for by name.
    fireEvent.click(within(fields).getByRole('button', { name: 'https://crm.example.com/customer/42' }));
    expect(view.fake.sent('call:reopenScreenPop')).toEqual([{}]);
    view.fake.answer('call:openSheetLink', {
      ok: false,
      error: translated(
        'refused',
        translator('en'),
        'error.linkRefused',
        { reason: popReason(translator('en'), 'host-not-allowed') },
        { reason: 'host-not-allowed' },
      ),
    });
    const tracker = within(fields).getByRole('button', { name: 'https://tracker.example.org/c/42' });
    await waitFor(() => expect((tracker as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(tracker);
    expect(view.fake.sent('call:openSheetLink')).toEqual([{ name: 'tracker' }]);
    expect(
      await screen.findByText('This link was not opened: the site is not on the allowed list.'),
    ).toBeTruthy();
  });

  it('re-opens the customer page through the bridge, and says when the policy refused it', () => {
    const view = renderDesk(
      makeSnapshot({
        call: incomingCall({
          screenPop: {
            status: 'refused',
            url: 'http://crm.example.com',
            reason: 'http-not-allowed',
            at: NOW,
          },
        }),
      }),
    );
    expect(screen.getByTestId('screen-pop-status').textContent).toBe(
      'The customer page was not opened: unencrypted http is not allowed.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Re-open customer page' }));
    expect(view.fake.sent('call:reopenScreenPop')).toEqual([{}]);
  });

  it('pauses and resumes recording on a queue call only', async () => {
    const view = renderDesk(makeSnapshot({ call: incomingCall() }));
    fireEvent.click(screen.getByRole('button', { name: 'Pause recording' }));
    expect(view.fake.sent('recording:pause')).toEqual([{}]);
    view.patch([{ path: ['call'], value: incomingCall({ monitorState: 'PAUSED' }) }]);
    expect(screen.getByTestId('call-card').textContent).toContain('Recording paused');
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Resume recording' }).hasAttribute('disabled')).toBe(false),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Resume recording' }));
    expect(view.fake.sent('recording:resume')).toEqual([{}]);
    view.patch([{ path: ['call'], value: incomingCall({ acd: false }) }]);
    expect(screen.queryByRole('button', { name: /recording/ })).toBeNull();
  });

  it('offers answer while ringing and hang up on the call', async () => {
    const view = renderDesk(makeSnapshot({ call: incomingCall({ phase: 'ringing', answeredAt: null }) }));
    fireEvent.click(screen.getByRole('button', { name: 'Answer' }));
    expect(view.fake.sent('call:answer')).toEqual([{}]);
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Hang up' }).hasAttribute('disabled')).toBe(false),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Hang up' }));
    expect(view.fake.sent('call:hangup')).toEqual([{}]);
  });

  it('shows wrap-up with its elapsed time', () => {
    const view = renderDesk(
      makeSnapshot({ call: incomingCall({ phase: 'wrapup', wrapupAt: NOW - 23_000 }) }),
    );
    expect(screen.getByTestId('wrapup').textContent).toBe('Wrap-up for 0:23');
    view.tick(60_000);
    expect(screen.getByTestId('wrapup').textContent).toBe('Wrap-up for 1:23');
    expect(screen.queryByRole('button', { name: 'Hang up' })).toBeNull();
  });

  it('says when there is no call', () => {
    renderDesk(makeSnapshot());
    expect(screen.getByTestId('no-call').textContent).toBe('No call right now.');
    void agent;
  });
});

describe('connection banner', () => {
  it('counts down to the next attempt and retries now on request', () => {
    const view = renderDesk(
      makeSnapshot({
        connection: {
          state: 'reconnecting',
          server: 'practice',
          attempt: 3,
          nextRetryAt: NOW + 7_000,
          lastError: 'socket closed',
        },
      }),
    );
    const banner = screen.getByTestId('connection-banner');
    expect(banner.textContent).toContain('Reconnecting in 7 seconds (attempt 3).');
    view.tick(6_000);
    expect(screen.getByTestId('connection-banner').textContent).toContain(
      'Reconnecting in 1 second (attempt 3).',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Retry now' }));
    expect(view.fake.sent('session:retryNow')).toEqual([{}]);
  });

  it('says why it is offline', () => {
    renderDesk(
      makeSnapshot({
        connection: {
          state: 'offline',
          server: 'practice',
          reason: 'tls',
          detail: 'self-signed certificate',
        },
      }),
    );
    const banner = screen.getByTestId('connection-banner');
    expect(banner.textContent).toContain('The server’s certificate was not accepted.');
    expect(banner.textContent).toContain('self-signed certificate');
  });

  it('says the connection is restored, for a few seconds', () => {
    const view = renderDesk(
      makeSnapshot({
        connection: {
          state: 'reconnecting',
          server: 'practice',
          attempt: 1,
          nextRetryAt: NOW + 1_000,
          lastError: '',
        },
      }),
    );
    view.patch([{ path: ['connection'], value: { state: 'connected', server: 'practice', since: NOW } }]);
    expect(screen.getByTestId('connection-banner').textContent).toBe('Connection restored.');
    expect(screen.getByTestId('live-region').textContent).toBe('Connection to the server restored.');
    view.tick(6_000);
    expect(screen.queryByTestId('connection-banner')).toBeNull();
  });
});
