import { useServices } from '../services';

/** Read out by screen readers when the agent's state or the connection changes. */
export function LiveRegion() {
  const { ui } = useServices();
  const { text, serial } = ui.announcement.value;
  return (
    <div class="sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="live-region">
      <span key={serial}>{text}</span>
    </div>
  );
}
