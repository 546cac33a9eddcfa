import { useServices } from '../services';
import { TRAY_TONE } from '../state-view';

/** The tray icon of the desktop app, drawn in the page header when there is no system tray. */
export function TrayStatus() {
  const { store } = useServices();
  const tray = store.slice('tray').value;
  if (!tray) return null;
  const tone = TRAY_TONE[tray.icon] ?? 'offline';
  return (
    <span class={`tray-status tone-${tone}`} title={tray.tooltip} data-testid="tray-status">
      <span class="dot" aria-hidden="true" />
      <span class="tray-text">{tray.tooltip}</span>
    </span>
  );
}
