/**
 * One Agent Desk per session. A second launch (a click on a `tel:` link, the start menu again)
 * hands its command line to the first and quits; the first shows its window and dials the link.
 * macOS delivers links through `open-url` instead, handled the same way.
 */

/** Links longer than this are not even looked at (the tel: parser caps at 256 anyway). */
const MAX_ARG_LENGTH = 2048;

/**
 * The first `tel:`/`callto:` argument of a command line, or null. Only the link is taken; the
 * parser decides whether it can be dialled. Chromium switches (`--foo`) are skipped. Pure.
 */
export function linkFromArgv(argv: readonly unknown[]): string | null {
  if (!Array.isArray(argv)) return null;
  for (const arg of argv.slice(0, 64)) {
    if (typeof arg !== 'string' || arg.length > MAX_ARG_LENGTH || arg.startsWith('-')) continue;
    const lower = arg.trimStart().toLowerCase();
    if (lower.startsWith('tel:') || lower.startsWith('callto:')) return arg;
  }
  return null;
}

/** Whether the command line asks to start hidden (as the login item does). Pure. */
export function hiddenFromArgv(argv: readonly string[]): boolean {
  return argv.includes('--hidden');
}

export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  on(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown;
  on(event: 'open-url', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
}

export interface SingleInstanceHandlers {
  /** Show and focus the window. */
  focus(): void;
  /** A link handed over by another launch (or by macOS). */
  link(raw: string): void;
}

/**
 * Takes the lock. False: another instance runs and has been handed our argv by Electron; the
 * caller quits at once.
 */
export function claimSingleInstance(app: SingleInstanceApp, handlers: SingleInstanceHandlers): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', (_event, argv) => {
    handlers.focus();
    const link = linkFromArgv(argv);
    if (link !== null) handlers.link(link);
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    const link = linkFromArgv([url]);
    if (link !== null) handlers.link(link);
  });
  return true;
}
