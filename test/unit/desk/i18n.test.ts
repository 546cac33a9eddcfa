import { describe, expect, it } from 'vitest';
import { CATALOGUES, translator } from '../../../main/desk/i18n';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('desk catalogue', () => {
  const en = CATALOGUES.en;
  for (const [language, catalogue] of Object.entries(CATALOGUES)) {
    it(`${language} has exactly the English keys, each non-empty with the same placeholders`, () => {
      expect(Object.keys(catalogue).sort()).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(catalogue)) {
        expect(text.trim(), key).not.toBe('');
        expect(placeholders(text), key).toEqual(placeholders(en[key as keyof typeof en]));
      }
    });
  }

  it('fills placeholders and leaves unknown ones visible', () => {
    const t = translator('fr');
    expect(t('tray.tooltipSince', { app: 'Agent Desk', state: 'En pause', duration: '3 min' })).toBe(
      'Agent Desk — En pause depuis 3 min',
    );
    expect(t('duration.minutes', {})).toBe('{minutes} min');
  });
});
