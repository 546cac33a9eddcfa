import type { Tone } from '../state-view';

/** A state shown by colour AND text: the dot is decoration, the words carry the meaning. */
export function StatePill({
  tone,
  label,
  size = 'normal',
}: {
  tone: Tone;
  label: string;
  size?: 'normal' | 'small';
}) {
  return (
    <span class={`pill tone-${tone} pill-${size}`}>
      <span class="dot" aria-hidden="true" />
      <span class="pill-text">{label}</span>
    </span>
  );
}
