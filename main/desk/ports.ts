/**
 * The ports the desk core talks through. Each host (Electron, browser, tests) implements them;
 * the core never imports Electron, the DOM or a filesystem API.
 */
import type { SocketFactory } from '../../xuc/socket';
import type { XucLogger } from '../../xuc/client-api';
import type { TrayModel } from '../../preload/contract';

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface DeskNotification {
  /** Stable per occurrence: the same id replaces, never duplicates. */
  id: string;
  kind: 'incoming-call' | 'callback-due' | 'connection-lost' | 'connection-restored' | 'screen-pop-refused';
  title: string;
  body: string;
}

export interface Notifier {
  /** `onClick` runs when the agent clicks the notification. */
  show(notification: DeskNotification, onClick: () => void): void;
}

/** Opens a URL outside the app. Only ever called with a URL the screen-pop policy approved. */
export interface UrlOpener {
  /** `multiTab` (from the Sheet): open a new tab each time rather than reusing the pop window. */
  open(url: string, options?: { multiTab: boolean }): Promise<void>;
}

/** Shows the host's log files (Electron: opens the folder); optional. */
export interface LogViewer {
  open(): Promise<void>;
}

/**
 * Adds what only the host knows (where it runs, its recent log) to the desk's diagnostics summary,
 * redacted as a whole; optional.
 */
export interface HostDiagnostics {
  complete(deskSummary: string): Promise<string>;
}

export interface TrayView {
  render(model: TrayModel): void;
}

/** Shows or focuses the window; quits the app. */
export interface AppShell {
  showWindow(): void;
  quit(): void;
}

export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Raw persisted settings; the desk validates what it loads. */
export interface SettingsStore {
  load(): Promise<unknown>;
  save(settings: unknown): Promise<void>;
}

/** Durable storage of undelivered callback ticket updates. `save` resolves once on disk. */
export interface OutboxStore {
  load(): Promise<unknown>;
  save(entries: unknown): Promise<void>;
}

/** Starts (once) the built-in practice server and returns its base URL. */
export interface PracticeServerPort {
  start(): Promise<{ baseUrl: string }>;
}

export type Logger = XucLogger;

export interface DeskPorts {
  clock: Clock;
  notifier: Notifier;
  urlOpener: UrlOpener;
  tray: TrayView;
  shell: AppShell;
  secrets: SecretStore;
  settings: SettingsStore;
  outbox: OutboxStore;
  socketFactory: SocketFactory;
  fetch?: typeof fetch;
  practice?: PracticeServerPort;
  logs?: LogViewer;
  diagnostics?: HostDiagnostics;
  logger: Logger;
}
