/**
 * Issue 9's "done when", on the practice server: every agent, queue, callback, membership and phone
 * frame the desk's features cover, exactly as the public library encodes it
 * (test/fixtures/real-library-frames.json), is taken: no UnknownCommand, InvalidCommand or
 * InvalidFrame. Other answers (NoCall for an answer with nothing ringing) are the server's
 * judgement of the request, not a refusal of the frame.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CtiClient, startSim } from './support';

interface FixtureFrame {
  area: 'agent' | 'queue' | 'membership' | 'phone' | 'callback';
  call: string;
  frame: string;
  note?: string;
}

const { frames } = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../fixtures/real-library-frames.json'), 'utf8'),
) as { frames: FixtureFrame[] };

const REFUSALS = new Set(['UnknownCommand', 'InvalidCommand', 'InvalidFrame']);

describe('the public library, frame by frame', () => {
  it('covers every area and every command the desk sends', () => {
    expect(new Set(frames.map((f) => f.area))).toEqual(
      new Set(['agent', 'queue', 'membership', 'phone', 'callback']),
    );
    const commands = new Set(frames.map((f) => (JSON.parse(f.frame) as { command: string }).command));
    for (const command of [
      'agentLogin',
      'agentLogout',
      'pauseAgent',
      'unpauseAgent',
      'userStatusUpdate',
      'setAgentQueue',
      'removeAgentFromQueue',
      'dialFromQueue',
      'answer',
      'hangup',
      'dial',
      'getCallbackLists',
      'findCallbackRequest',
      'takeCallback',
      'releaseCallback',
      'startCallback',
      'listenCallbackMessage',
      'updateCallbackTicket',
      'getUserDefaultMembership',
      'setUserDefaultMembership',
      'setUsersDefaultMembership',
      'applyUsersDefaultMembership',
      'subscribeToQueueStats',
      'getQueueStatistics',
      'subscribeToQueueCalls',
    ]) {
      expect(commands, command).toContain(command);
    }
  });

  it('gets an answer other than a refusal for each frame, sent as text', async () => {
    const { baseUrl } = await startSim({ outboundAnswerSeconds: null });
    const hugo = await CtiClient.connect(baseUrl, 'hugo');
    const callbackUuid = 'a967da84-bc41-4bf4-a4fc-000000000001';
    const refused: string[] = [];
    for (const { call, frame } of frames) {
      hugo.mark();
      hugo.send(frame.replaceAll('{callbackUuid}', callbackUuid));
      await hugo.sync();
      for (const error of hugo.pending('Error')) {
        if (typeof error === 'object' && REFUSALS.has(error.Error ?? '')) {
          refused.push(`${call}: ${error.Error} ${String(error.message)}`);
        }
      }
    }
    expect(refused).toEqual([]);
  });
});
