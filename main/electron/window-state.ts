/**
 * The window remembers its size and position. What is saved is untrusted on the way back (the file
 * can be edited, a monitor unplugged): it is validated, then clamped so the window always opens on
 * a display that exists, with its title bar reachable.
 */
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const WindowStateSchema = z.object({
  x: z.number().int().min(-100_000).max(100_000),
  y: z.number().int().min(-100_000).max(100_000),
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
  maximized: z.boolean().default(false),
});
export type WindowState = z.output<typeof WindowStateSchema>;

export const DEFAULT_SIZE = { width: 1100, height: 760 } as const;
export const MIN_SIZE = { width: 360, height: 480 } as const;
/** How much of the window must overlap a display for the saved position to be kept. */
const MIN_VISIBLE = { width: 120, height: 48 } as const;

/**
 * Where to open the window: the saved bounds if enough of them (the top strip, where the title bar
 * is) lies on one of `workAreas`, shrunk to fit that display; otherwise the default size centred
 * on the primary work area (`workAreas[0]`). Pure.
 */
export function restoreBounds(saved: unknown, workAreas: readonly Rect[]): Rect & { maximized: boolean } {
  const primary = workAreas[0] ?? { x: 0, y: 0, width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height };
  const parsed = WindowStateSchema.safeParse(saved);
  if (parsed.success) {
    const state = parsed.data;
    const titleBar = {
      x: state.x,
      y: state.y,
      width: state.width,
      height: Math.min(state.height, MIN_VISIBLE.height),
    };
    const display = workAreas.find((area) => {
      const overlap = intersect(titleBar, area);
      return (
        overlap.width >= Math.min(MIN_VISIBLE.width, state.width) &&
        overlap.height >= Math.min(MIN_VISIBLE.height, state.height)
      );
    });
    if (display) {
      const width = clamp(state.width, MIN_SIZE.width, display.width);
      const height = clamp(state.height, MIN_SIZE.height, display.height);
      return {
        x: clamp(
          state.x,
          display.x - width + MIN_VISIBLE.width,
          display.x + display.width - MIN_VISIBLE.width,
        ),
        y: clamp(state.y, display.y, display.y + display.height - MIN_VISIBLE.height),
        width,
        height,
        maximized: state.maximized,
      };
    }
  }
  const width = Math.min(DEFAULT_SIZE.width, primary.width);
  const height = Math.min(DEFAULT_SIZE.height, primary.height);
  return {
    x: Math.round(primary.x + (primary.width - width) / 2),
    y: Math.round(primary.y + (primary.height - height) / 2),
    width,
    height,
    maximized: false,
  };
}

function intersect(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}

export interface TrackableWindow {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isDestroyed(): boolean;
}

/**
 * Saves the window state when it moves or resizes (after it settles, `delayMs`) and on close.
 * Returns a function that saves at once (for quitting).
 */
export function trackWindowState(
  win: TrackableWindow,
  save: (state: WindowState) => void,
  timers: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void },
  delayMs = 500,
): () => void {
  let pending: unknown = null;
  const saveNow = () => {
    if (pending !== null) timers.clearTimeout(pending);
    pending = null;
    if (win.isDestroyed()) return;
    const b = win.getNormalBounds();
    save({
      x: Math.round(b.x),
      y: Math.round(b.y),
      width: Math.round(b.width),
      height: Math.round(b.height),
      maximized: win.isMaximized(),
    });
  };
  const later = () => {
    if (pending !== null) timers.clearTimeout(pending);
    pending = timers.setTimeout(saveNow, delayMs);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(event, later);
  win.on('close', saveNow);
  return saveNow;
}

/** The displays' work areas, the primary first (as `restoreBounds` expects). Pure. */
export function workAreasOf<D extends { id: number; workArea: Rect }>(primary: D, all: readonly D[]): Rect[] {
  return [primary, ...all.filter((d) => d.id !== primary.id)].map((d) => d.workArea);
}
