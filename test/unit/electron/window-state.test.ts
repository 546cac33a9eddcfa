import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openHostState } from '../../../main/electron/host-state';
import { manageWindow, startsHidden, type WindowLike } from '../../../main/electron/window';
import {
  restoreBounds,
  trackWindowState,
  workAreasOf,
  type Rect,
  type TrackableWindow,
} from '../../../main/electron/window-state';

const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const rightMonitor: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('restoreBounds', () => {
  it('keeps a saved window that is on a display', () => {
    expect(restoreBounds({ x: 100, y: 80, width: 900, height: 700, maximized: false }, [laptop])).toEqual({
      x: 100,
      y: 80,
      width: 900,
      height: 700,
      maximized: false,
    });
    expect(
      restoreBounds({ x: 2200, y: 100, width: 1200, height: 900, maximized: true }, [laptop, rightMonitor]),
    ).toMatchObject({
      x: 2200,
      maximized: true,
    });
  });

  it('brings back a window whose monitor was unplugged, at the default size, centred on the primary display', () => {
    expect(restoreBounds({ x: 2200, y: 100, width: 1200, height: 900, maximized: false }, [laptop])).toEqual({
      x: 410,
      y: 140,
      width: 1100,
      height: 760,
      maximized: false,
    });
  });

  it('pulls a window whose title bar is off screen back into reach, and shrinks an oversized one', () => {
    const above = restoreBounds({ x: 100, y: -500, width: 800, height: 600, maximized: false }, [laptop]);
    // The title bar strip was above the screen, though the rest overlapped: back to the default place.
    expect(above).toEqual({ x: 410, y: 140, width: 1100, height: 760, maximized: false });
    const partly = restoreBounds({ x: 1800, y: 900, width: 800, height: 600, maximized: false }, [laptop]);
    expect(partly.x).toBeLessThanOrEqual(1920 - 120);
    expect(partly.y).toBeLessThanOrEqual(1040 - 48);
    const huge = restoreBounds({ x: 0, y: 0, width: 5000, height: 4000, maximized: false }, [laptop]);
    expect(huge).toMatchObject({ width: 1920, height: 1040 });
  });

  it.each([
    undefined,
    null,
    'x',
    { x: 1 },
    { x: 0, y: 0, width: -5, height: 10 },
    { x: 1e9, y: 0, width: 10, height: 10 },
  ])('falls back to the default for saved state %j', (saved) => {
    expect(restoreBounds(saved, [laptop])).toEqual({
      x: 410,
      y: 140,
      width: 1100,
      height: 760,
      maximized: false,
    });
  });

  it('never opens smaller than usable, nor larger than a tiny display', () => {
    const tiny: Rect = { x: 0, y: 0, width: 800, height: 600 };
    expect(restoreBounds(undefined, [tiny])).toEqual({
      x: 0,
      y: 0,
      width: 800,
      height: 600,
      maximized: false,
    });
    expect(
      restoreBounds({ x: 10, y: 10, width: 100, height: 100, maximized: false }, [laptop]),
    ).toMatchObject({
      width: 360,
      height: 480,
    });
  });
});

class FakeWindow implements TrackableWindow {
  listeners = new Map<string, Array<() => void>>();
  bounds: Rect = { x: 10, y: 20, width: 900, height: 700 };
  maximized = false;
  destroyed = false;
  on(event: string, listener: () => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  emit(event: string) {
    for (const l of this.listeners.get(event) ?? []) l();
  }
  getNormalBounds() {
    return this.bounds;
  }
  isMaximized() {
    return this.maximized;
  }
  isDestroyed() {
    return this.destroyed;
  }
}

function manualTimers() {
  let next = 1;
  const pending = new Map<number, () => void>();
  return {
    setTimeout: (fn: () => void) => {
      pending.set(next, fn);
      return next++;
    },
    clearTimeout: (handle: unknown) => void pending.delete(handle as number),
    runAll: () => {
      const fns = [...pending.values()];
      pending.clear();
      for (const fn of fns) fn();
    },
    size: () => pending.size,
  };
}

describe('trackWindowState', () => {
  it('saves once the window settles after moving, and at once on close', () => {
    const win = new FakeWindow();
    const timers = manualTimers();
    const saved: unknown[] = [];
    trackWindowState(win, (s) => saved.push(s), timers);
    win.emit('move');
    win.bounds = { x: 50.4, y: 60, width: 1000, height: 800 };
    win.emit('resize');
    expect(saved).toEqual([]);
    expect(timers.size()).toBe(1);
    timers.runAll();
    expect(saved).toEqual([{ x: 50, y: 60, width: 1000, height: 800, maximized: false }]);
    win.maximized = true;
    win.emit('close');
    expect(saved).toHaveLength(2);
    expect(saved[1]).toMatchObject({ maximized: true });
  });
});

describe('host state file', () => {
  it('remembers the window and the tel: confirmation across runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agent-desk-host-'));
    const first = await openHostState(dir);
    expect(first.get()).toEqual({ window: null, telLinksConfirmed: false });
    await first.update({ window: { x: 1, y: 2, width: 800, height: 600, maximized: false } });
    await first.update({ telLinksConfirmed: true });
    const second = await openHostState(dir);
    expect(second.get()).toEqual({
      window: { x: 1, y: 2, width: 800, height: 600, maximized: false },
      telLinksConfirmed: true,
    });
  });

  it('a hand-edited or broken file falls back field by field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agent-desk-host-'));
    writeFileSync(
      join(dir, 'host-state.json'),
      JSON.stringify({ window: { x: 'left' }, telLinksConfirmed: true }),
    );
    expect((await openHostState(dir)).get()).toEqual({ window: null, telLinksConfirmed: true });
    writeFileSync(join(dir, 'host-state.json'), 'nope');
    const state = await openHostState(dir);
    expect(state.get()).toEqual({ window: null, telLinksConfirmed: false });
    await state.update({ telLinksConfirmed: true });
    expect(JSON.parse(readFileSync(state.path, 'utf8')).telLinksConfirmed).toBe(true);
  });
});

class FakeBrowserWindow implements WindowLike {
  closeListener: ((e: { preventDefault(): void }) => void) | null = null;
  readyListener: (() => void) | null = null;
  calls: string[] = [];
  visible = false;
  minimized = false;
  on(_event: 'close', listener: (e: { preventDefault(): void }) => void) {
    this.closeListener = listener;
  }
  once(_event: 'ready-to-show', listener: () => void) {
    this.readyListener = listener;
  }
  close(): boolean {
    let prevented = false;
    this.closeListener!({ preventDefault: () => (prevented = true) });
    return !prevented;
  }
  isDestroyed = () => false;
  isMinimized = () => this.minimized;
  isVisible = () => this.visible;
  restore = () => void this.calls.push('restore');
  show = () => {
    this.visible = true;
    this.calls.push('show');
  };
  hide = () => {
    this.visible = false;
    this.calls.push('hide');
  };
  focus = () => void this.calls.push('focus');
}

describe('manageWindow: close to tray, start hidden, show and focus', () => {
  it('closing hides to the tray until the app quits', () => {
    const win = new FakeBrowserWindow();
    const behaviour = manageWindow(win, { startHidden: false, closeToTray: () => true });
    win.readyListener!();
    expect(win.calls).toEqual(['show']);
    expect(win.close()).toBe(false);
    expect(win.calls.at(-1)).toBe('hide');
    behaviour.allowClose();
    expect(win.close()).toBe(true);
  });

  it('started hidden (at login), it stays in the tray until asked', () => {
    const win = new FakeBrowserWindow();
    const behaviour = manageWindow(win, { startHidden: true, closeToTray: () => true });
    win.readyListener!();
    expect(win.calls).toEqual([]);
    win.minimized = true;
    behaviour.showAndFocus();
    expect(win.calls).toEqual(['restore', 'show', 'focus']);
  });
});

describe('where the window opens, and whether it shows', () => {
  it('lists the primary display first, whatever order the OS gives', () => {
    const left = { id: 2, workArea: { x: -1920, y: 0, width: 1920, height: 1040 } };
    const primary = { id: 1, workArea: { x: 0, y: 0, width: 2560, height: 1400 } };
    expect(workAreasOf(primary, [left, primary])).toEqual([primary.workArea, left.workArea]);
  });

  it('starts hidden for the setting, for --hidden, or when macOS opened it at login', () => {
    const base = { setting: false, argvHidden: false, platform: 'linux', openedAtLogin: () => true };
    expect(startsHidden(base)).toBe(false); // only macOS reports "opened at login"
    expect(startsHidden({ ...base, setting: true })).toBe(true);
    expect(startsHidden({ ...base, argvHidden: true })).toBe(true);
    expect(startsHidden({ ...base, platform: 'darwin' })).toBe(true);
    expect(startsHidden({ ...base, platform: 'darwin', openedAtLogin: () => false })).toBe(false);
  });
});
