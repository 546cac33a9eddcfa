/**
 * Renders the real App around a fake bridge: the fake serves a DeskSnapshot, records every command
 * the window invokes, answers with scripted results, and pushes desk events. Frames and the clock
 * are driven by the test, so nothing here depends on real time.
 */
import { computed, signal } from '@preact/signals';
import { act, cleanup, render } from '@testing-library/preact';
import { afterEach } from 'vitest';
import type {
  AgentDeskBridge,
  CommandName,
  DeskPatch,
  DeskSnapshot,
  EventName,
  Events,
  Result,
} from '../../../preload/contract';
import { App } from '../../../renderer/app';
import { safeInvoke } from '../../../renderer/bridge';
import { createI18n } from '../../../renderer/i18n';
import { createDeskStore } from '../../../renderer/store/desk-store';
import { createUiState, type Screen } from '../../../renderer/store/ui-state';
import type { Services } from '../../../renderer/services';
import { NOW } from './fixtures';

// Vitest runs without globals, so testing-library cannot unmount between tests by itself.
afterEach(cleanup);

export interface Invocation {
  command: CommandName;
  request: unknown;
}

type Answer = Result<unknown> | ((request: unknown) => Result<unknown>);

export function createFakeBridge(initial: DeskSnapshot | null) {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const calls: Invocation[] = [];
  const answers = new Map<CommandName, Answer>();
  let current = initial;
  const bridge: AgentDeskBridge = {
    async invoke(command, request) {
      calls.push({ command, request });
      if (command === 'desk:getSnapshot' && current) return { ok: true, value: current } as never;
      const answer = answers.get(command);
      const result =
        typeof answer === 'function' ? answer(request) : (answer ?? { ok: true, value: undefined });
      return result as never;
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: never) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: never) => void);
    },
  };
  return {
    bridge,
    calls,
    /** The requests sent for one command, in order. */
    sent(command: CommandName): unknown[] {
      return calls.filter((call) => call.command === command).map((call) => call.request);
    },
    answer(command: CommandName, result: Answer) {
      answers.set(command, result);
    },
    emit<E extends EventName>(event: E, payload: Events[E]) {
      if (event === 'desk:snapshot') current = payload as DeskSnapshot;
      for (const listener of listeners.get(event) ?? []) (listener as (p: Events[E]) => void)(payload);
    },
    listenerCount(event: EventName): number {
      return listeners.get(event)?.size ?? 0;
    },
  };
}

export function renderDesk(snapshot: DeskSnapshot | null, options: { screen?: Screen } = {}) {
  const fake = createFakeBridge(snapshot);
  const frames: Array<() => void> = [];
  const store = createDeskStore(fake.bridge, (callback) => frames.push(callback));
  if (snapshot) store.replace(snapshot);
  const now = signal(NOW);
  const ui = createUiState();
  if (options.screen) ui.screen.value = options.screen;
  const copied: string[] = [];
  const services: Services = {
    store,
    invoke: safeInvoke(fake.bridge),
    i18n: createI18n(computed(() => store.slice('settings').value?.language ?? 'en')),
    ui,
    now,
    copyText: async (text) => {
      copied.push(text);
    },
  };
  const view = render(<App services={services} />);
  return {
    ...view,
    fake,
    store,
    ui,
    copied,
    /** Runs the pending animation frames (where queued patches are applied). */
    frame() {
      act(() => {
        for (const run of frames.splice(0)) run();
      });
    },
    /** A desk patch arriving, then the next frame. */
    patch(ops: DeskPatch) {
      act(() => fake.emit('desk:patch', ops));
      this.frame();
    },
    snapshot(next: DeskSnapshot) {
      act(() => fake.emit('desk:snapshot', next));
    },
    tick(ms: number) {
      act(() => {
        now.value += ms;
      });
    },
    pendingFrames: () => frames.length,
  };
}
