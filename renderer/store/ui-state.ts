import { signal } from '@preact/signals';

export const SCREENS = ['home', 'queues', 'stats', 'callbacks', 'supervisor', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

export interface Announcement {
  text: string;
  /** Changes with every announcement so a repeated text is still read out. */
  serial: number;
}

/** What the window itself remembers (not the desk's state): the open screen, open pickers, announcements. */
export function createUiState() {
  const screen = signal<Screen>('home');
  const pausePickerOpen = signal(false);
  const announcement = signal<Announcement>({ text: '', serial: 0 });
  return {
    screen,
    pausePickerOpen,
    announcement,
    announce(text: string) {
      announcement.value = { text, serial: announcement.peek().serial + 1 };
    },
  };
}
export type UiState = ReturnType<typeof createUiState>;
