import { computed, signal } from '@preact/signals';
import { render } from 'preact';
import type { AgentDeskBridge, Language } from '../preload/contract';
import { App } from './app';
import { safeInvoke, waitForBridge } from './bridge';
import { createI18n } from './i18n';
import { startTicker } from './store/clock';
import { createDeskStore } from './store/desk-store';
import { createUiState } from './store/ui-state';
import type { Services } from './services';
import './styles.css';

function browserLanguage(): Language {
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** Wires the window to the bridge: store, clock, translations, then the first snapshot. */
export function createServices(bridge: AgentDeskBridge): Services {
  const store = createDeskStore(bridge, (callback) => requestAnimationFrame(() => callback()));
  const invoke = safeInvoke(bridge);
  const fallback = browserLanguage();
  const language = computed<Language>(() => store.slice('settings').value?.language ?? fallback);
  // The host may have sent its snapshot before this bundle subscribed: ask for it.
  void invoke('desk:getSnapshot', {}).then((result) => {
    if (result.ok && store.snapshot.peek() === null) store.replace(result.value);
  });
  return {
    store,
    invoke,
    i18n: createI18n(language),
    ui: createUiState(),
    now: startTicker().now,
    copyText: (text) => navigator.clipboard.writeText(text),
  };
}

async function main() {
  const root = document.getElementById('app');
  if (!root) return;
  const bridge = await waitForBridge(window, 15_000);
  if (!bridge) {
    const i18n = createI18n(signal(browserLanguage()));
    root.textContent = i18n.t('app.noBridge');
    root.setAttribute('role', 'alert');
    return;
  }
  render(<App services={createServices(bridge)} />, root);
}

void main();
