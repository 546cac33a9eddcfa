import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ReadonlySignal } from '@preact/signals';
import type { Invoke } from './bridge';
import type { I18n } from './i18n';
import type { DeskStore } from './store/desk-store';
import type { UiState } from './store/ui-state';

/** Everything a screen needs from outside itself; tests build it around a fake bridge. */
export interface Services {
  store: DeskStore;
  invoke: Invoke;
  i18n: I18n;
  ui: UiState;
  /** Epoch ms, ticking once a second. */
  now: ReadonlySignal<number>;
  /** Writes text to the clipboard (navigator.clipboard in the browser). */
  copyText(text: string): Promise<void>;
}

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside <ServicesContext.Provider>');
  return services;
}

export function useT() {
  return useServices().i18n.t;
}
