import { describe, expect, it } from 'vitest';
import { createConsoleLogger, type ConsoleLike } from '../../../xuc/console-logger';

function capture(): { out: ConsoleLike; lines: string[] } {
  const lines: string[] = [];
  const push = (line: string) => void lines.push(line);
  return { out: { debug: push, info: push, warn: push, error: push }, lines };
}

describe('the one console logger', () => {
  it('writes one line per message with its level and fields; debug and info only when verbose', () => {
    const quiet = capture();
    const logger = createConsoleLogger({ prefix: '[xuc]', console: quiet.out });
    logger.debug('hidden');
    logger.info('hidden');
    logger.warn('link dead', { silentIntervals: 3 });
    logger.error('gave up');
    expect(quiet.lines).toEqual(['[xuc][warn] link dead {"silentIntervals":3}', '[xuc][error] gave up']);

    const loud = capture();
    const verbose = createConsoleLogger({ verbose: true, console: loud.out });
    verbose.debug('frame', { msgType: 'AgentStateEvent' });
    verbose.info('connected');
    expect(loud.lines).toEqual(['[debug] frame {"msgType":"AgentStateEvent"}', '[info] connected']);
  });

  it('a field JSON cannot hold still gives a line, not an exception', () => {
    const { out, lines } = capture();
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    createConsoleLogger({ console: out }).warn('odd', { cyclic, big: 1n });
    expect(lines).toEqual(['[warn] odd [object Object]']);
  });
});
