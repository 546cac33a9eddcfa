/**
 * Test doubles for the desk's ports: recording fakes for what the desk tells the outside
 * (notifications, opened URLs, tray), in-memory stores, and a manual clock. The xuc side is never
 * faked here: integration tests use the real client and the real practice server.
 */
import type { TrayModel } from '../../../preload/contract';
import type {
  AppShell,
  Clock,
  DeskNotification,
  DeskPorts,
  Notifier,
  OutboxStore,
  SecretStore,
  SettingsStore,
  TrayView,
  UrlOpener,
} from '../../../main/desk/ports';
import { nodeSocketFactory } from '../../../xuc/transport-node';
import { systemClock } from '../../../main/desk/clock';

export class ManualClock implements Clock {
  private time: number;
  private seq = 0;
  private readonly timers = new Map<number, { at: number; fn: () => void; every?: number }>();
  constructor(start = Date.UTC(2026, 0, 5, 9, 0, 0)) {
    this.time = start;
  }
  now(): number {
    return this.time;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.set(id, { at: this.time + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  setInterval(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.set(id, { at: this.time + ms, fn, every: ms });
    return id;
  }
  clearInterval(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  /** Moves time forward, running due timers in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()]
        .filter(([, t]) => t.at <= end)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      const [id, timer] = due;
      this.time = timer.at;
      if (timer.every) timer.at += timer.every;
      else this.timers.delete(id);
      timer.fn();
    }
    this.time = end;
  }
}

export class RecordingNotifier implements Notifier {
  readonly shown: Array<{ notification: DeskNotification; click: () => void }> = [];
  show(notification: DeskNotification, onClick: () => void): void {
    this.shown.push({ notification, click: onClick });
  }
  of(kind: DeskNotification['kind']): DeskNotification[] {
    return this.shown.map((s) => s.notification).filter((n) => n.kind === kind);
  }
}

export class RecordingOpener implements UrlOpener {
  readonly opened: Array<{ url: string; multiTab: boolean }> = [];
  async open(url: string, options?: { multiTab: boolean }): Promise<void> {
    this.opened.push({ url, multiTab: options?.multiTab ?? false });
  }
}

export class RecordingTray implements TrayView {
  readonly models: TrayModel[] = [];
  render(model: TrayModel): void {
    this.models.push(model);
  }
  get last(): TrayModel | undefined {
    return this.models[this.models.length - 1];
  }
}

export class RecordingShell implements AppShell {
  shows = 0;
  quits = 0;
  showWindow(): void {
    this.shows += 1;
  }
  quit(): void {
    this.quits += 1;
  }
}

export class MemorySecrets implements SecretStore {
  readonly values = new Map<string, string>();
  async get(key: string) {
    return this.values.get(key);
  }
  async set(key: string, value: string) {
    this.values.set(key, value);
  }
  async delete(key: string) {
    this.values.delete(key);
  }
}

/** Keeps what was saved as JSON text, as a file would. */
export class MemoryStore implements SettingsStore, OutboxStore {
  text: string | undefined;
  saves = 0;
  constructor(initial?: unknown) {
    this.text = initial === undefined ? undefined : JSON.stringify(initial);
  }
  async load(): Promise<unknown> {
    return this.text === undefined ? undefined : JSON.parse(this.text);
  }
  async save(value: unknown): Promise<void> {
    this.saves += 1;
    this.text = JSON.stringify(value);
  }
}

export interface TestPorts extends DeskPorts {
  notifier: RecordingNotifier;
  urlOpener: RecordingOpener;
  tray: RecordingTray;
  shell: RecordingShell;
  secrets: MemorySecrets;
}

export function makePorts(overrides: Partial<DeskPorts> = {}): TestPorts {
  const logs: string[] = [];
  return {
    clock: systemClock,
    notifier: new RecordingNotifier(),
    urlOpener: new RecordingOpener(),
    tray: new RecordingTray(),
    shell: new RecordingShell(),
    secrets: new MemorySecrets(),
    settings: new MemoryStore(),
    outbox: new MemoryStore(),
    socketFactory: nodeSocketFactory(),
    logger: {
      debug: () => {},
      info: (m, f) => logs.push(`info ${m} ${JSON.stringify(f ?? {})}`),
      warn: (m, f) => logs.push(`warn ${m} ${JSON.stringify(f ?? {})}`),
      error: (m, f) => logs.push(`error ${m} ${JSON.stringify(f ?? {})}`),
    },
    ...overrides,
  } as TestPorts;
}
