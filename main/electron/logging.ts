/**
 * The logger port through electron-log: one rotating file (`main.log`, rotated to `main.old.log`
 * past `maxSize`) in the app's logs folder. A hook redacts every message before any transport sees
 * it, so no secret reaches the file or the console, whoever logged it (the desk, xuc, the updater).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { redactText, redactValue } from './redact';
import type { HostDiagnostics, Logger } from '../desk/ports';

export interface LogMessageLike {
  data: unknown[];
}
type Level = 'error' | 'warn' | 'info' | 'verbose' | 'debug' | 'silly' | false;

/** The part of electron-log's logger (main or node flavour) this module uses. */
export interface ElectronLogLike<Message extends LogMessageLike = LogMessageLike> {
  hooks: Array<(message: Message, transport?: never, transportName?: string) => Message | false>;
  transports: {
    file: { maxSize: number; level: Level; fileName: string; resolvePathFn: (...args: never[]) => string };
    console: { level: Level };
  };
  debug(...params: unknown[]): void;
  info(...params: unknown[]): void;
  warn(...params: unknown[]): void;
  error(...params: unknown[]): void;
}

export interface HostLogger extends Logger {
  /** The current log file. */
  readonly file: string;
  readonly dir: string;
  /** The end of the log (older file first), redacted, at most `maxBytes`. */
  readRecent(maxBytes?: number): Promise<string>;
}

export interface LogOptions {
  dir: string;
  maxSize?: number;
  fileLevel?: Level;
  consoleLevel?: Level;
}

export function configureLog<Message extends LogMessageLike>(
  log: ElectronLogLike<Message>,
  options: LogOptions,
): HostLogger {
  const file = join(options.dir, 'main.log');
  log.transports.file.fileName = 'main.log';
  log.transports.file.resolvePathFn = () => file;
  log.transports.file.maxSize = options.maxSize ?? 1024 * 1024;
  log.transports.file.level = options.fileLevel ?? 'info';
  log.transports.console.level = options.consoleLevel ?? 'warn';
  log.hooks.push((message) => ({ ...message, data: message.data.map((item) => redactValue(item)) }));

  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, fields?: Record<string, unknown>) => {
      if (fields === undefined) log[level](message);
      else log[level](message, fields);
    };

  return {
    file,
    dir: options.dir,
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    async readRecent(maxBytes = 256 * 1024) {
      const parts = await Promise.all([join(options.dir, 'main.old.log'), file].map(readOrEmpty));
      const text = parts.join('');
      return redactText(text.length > maxBytes ? text.slice(text.length - maxBytes) : text);
    },
  };
}

async function readOrEmpty(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return '';
  }
}

/**
 * The "export diagnostics" text: the desk's own summary, where the app runs, and the recent log.
 * Everything is redacted once more as a whole, so a secret that slipped into any part stays out.
 */
export function buildDiagnostics(input: {
  desk: string;
  about: Record<string, unknown>;
  log: string;
}): string {
  return redactText(
    [
      input.desk.trimEnd(),
      '',
      '## Host',
      JSON.stringify(redactValue(input.about), null, 2),
      '',
      '## Recent log',
      input.log,
    ].join('\n'),
  );
}

/** The desk's `diagnostics` port: its summary, then `about()` and the recent log, redacted. */
export function createHostDiagnostics(
  about: () => Record<string, unknown>,
  logger: Pick<HostLogger, 'readRecent'>,
): HostDiagnostics {
  return {
    complete: async (desk) => buildDiagnostics({ desk, about: about(), log: await logger.readRecent() }),
  };
}
