/**
 * The one console logger: the xuc client's default and the browser host's log (the Electron host
 * logs to a file through electron-log). One line per message, the fields as JSON on the same line
 * so a line greps whole; debug and info only when verbose. Runs in Node and in a browser.
 */
import type { XucLogger } from './client-api';

type Level = keyof XucLogger;
export type ConsoleLike = Record<Level, (line: string) => void>;

export interface ConsoleLoggerOptions {
  /** Prepended to each line, e.g. `[xuc]`. */
  prefix?: string;
  verbose?: boolean;
  /** Where lines go; default the global console. */
  console?: ConsoleLike;
}

export function createConsoleLogger(options: ConsoleLoggerOptions = {}): XucLogger {
  const out = options.console ?? console;
  const prefix = options.prefix ?? '';
  const write = (level: Level) => (message: string, fields?: Record<string, unknown>) =>
    out[level](`${prefix}[${level}] ${message}${fields === undefined ? '' : ` ${asJson(fields)}`}`);
  const quiet = () => {};
  return {
    debug: options.verbose ? write('debug') : quiet,
    info: options.verbose ? write('info') : quiet,
    warn: write('warn'),
    error: write('error'),
  };
}

/** Fields as JSON; a value JSON cannot hold (a cycle, a bigint) must not turn a log line into a throw. */
function asJson(fields: Record<string, unknown>): string {
  try {
    return JSON.stringify(fields);
  } catch {
    return String(fields);
  }
}
