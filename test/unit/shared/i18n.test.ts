// The one catalogue (shared/i18n): both languages complete, every key used by some code (the
// window, the desk or a host), every key some code asks for present.
import { describe, expect, it } from 'vitest';
import type { Language } from '../../../preload/contract';
import { CATALOGUES, isMessageKey, languageFor, popReason, translator } from '../../../shared/i18n';

const SOURCES = import.meta.glob<string>(
  [
    '../../../{renderer,main,shared}/**/*.ts',
    '../../../renderer/**/*.tsx',
    '!../../../shared/i18n/{en,fr}.ts',
  ],
  { query: '?raw', import: 'default', eager: true },
);
const CODE = Object.values(SOURCES).join('\n');

const PLURAL = /_(zero|one|two|few|many|other)$/;
const keysOf = (language: Language) => Object.keys(CATALOGUES[language]).sort();
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('the catalogue', () => {
  it('the scan sees the window, the desk and the hosts', () => {
    expect(Object.keys(SOURCES).length).toBeGreaterThan(60);
    expect(CODE).toContain("t('home.ready')");
    expect(CODE).toContain("'tray.tooltipSince'");
    expect(CODE).toContain("'telLink.confirm'");
    expect(CODE).not.toContain("'Agent Desk — {{state}}'");
  });

  it('English and French have exactly the same keys', () => {
    const en = keysOf('en');
    const fr = keysOf('fr');
    expect(
      fr.filter((key) => !en.includes(key)),
      'only in French',
    ).toEqual([]);
    expect(
      en.filter((key) => !fr.includes(key)),
      'missing in French',
    ).toEqual([]);
  });

  it('no entry is empty, and both languages use the same placeholders, all written {{name}}', () => {
    for (const key of keysOf('en')) {
      const en = CATALOGUES.en[key as keyof typeof CATALOGUES.en];
      const fr = CATALOGUES.fr[key as keyof typeof CATALOGUES.fr];
      expect(en.trim(), key).not.toBe('');
      expect(fr.trim(), key).not.toBe('');
      expect(placeholders(fr), key).toEqual(placeholders(en));
      for (const text of [en, fr]) expect(text.replace(/\{\{\w+\}\}/g, ''), key).not.toMatch(/[{}]/);
    }
  });

  it('every plural has its one and other forms', () => {
    const bases = new Set(
      keysOf('en')
        .filter((key) => PLURAL.test(key))
        .map((key) => key.replace(PLURAL, '')),
    );
    for (const base of bases) {
      for (const language of ['en', 'fr'] as const) {
        expect(keysOf(language), `${language} ${base}`).toContain(`${base}_one`);
        expect(keysOf(language), `${language} ${base}`).toContain(`${base}_other`);
      }
    }
  });

  it('every key is used by the code (no leftovers)', () => {
    const unused = keysOf('en')
      .map((key) => key.replace(PLURAL, ''))
      .filter((key, index, all) => all.indexOf(key) === index)
      .filter((key) => !CODE.includes(`'${key}'`));
    expect(unused).toEqual([]);
  });

  it('every key the code asks for exists', () => {
    const asked = [...CODE.matchAll(/\bt\(\)?\(?\s*'([a-z][\w.-]*)'/g)].map((m) => m[1]!);
    expect(asked.length).toBeGreaterThan(100);
    expect([...new Set(asked)].filter((key) => !isMessageKey(key))).toEqual([]);
  });
});

describe('translate', () => {
  it('interpolates and follows each language’s plural rules', () => {
    expect(translator('en')('connection.retryIn', { count: 0, attempt: 2 })).toBe(
      'Reconnecting in 0 seconds (attempt 2).',
    );
    // French counts 0 as singular.
    expect(translator('fr')('connection.retryIn', { count: 0, attempt: 2 })).toBe(
      'Reconnexion dans 0 seconde (tentative 2).',
    );
    expect(
      translator('fr')('tray.tooltipSince', { app: 'Agent Desk', state: 'En pause', duration: '3 min' }),
    ).toBe('Agent Desk — En pause depuis 3 min');
  });

  it('does not escape text (Preact escapes what it renders; dialogs take plain text)', () => {
    expect(translator('en')('state.pausedWith', { reason: '<b>&' })).toBe('Paused · <b>&');
  });

  it('an unknown language falls back to English; a locale picks its language', () => {
    expect(translator('tlh' as Language)('home.ready')).toBe('Ready');
    expect(languageFor('fr-CA')).toBe('fr');
    expect(languageFor('de-DE')).toBe('en');
  });

  it('names the screen-pop refusals, and shows an unknown one as it is', () => {
    expect(popReason(translator('fr'), 'host-not-allowed')).toBe(
      'le site ne figure pas dans la liste autorisée',
    );
    expect(popReason(translator('en'), 'new-reason')).toBe('new-reason');
  });
});
