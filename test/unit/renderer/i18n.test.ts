import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../../preload/contract';
import { CATALOGUES, createI18n } from '../../../renderer/i18n';

const SOURCES = import.meta.glob<string>(['../../../renderer/**/*.ts', '../../../renderer/**/*.tsx'], {
  query: '?raw',
  import: 'default',
  eager: true,
});
/** The code that may use keys: everything but the catalogues themselves. */
const CODE = Object.entries(SOURCES)
  .filter(([path]) => !path.includes('/renderer/i18n/'))
  .map(([, text]) => text)
  .join('\n');

const PLURAL = /_(zero|one|two|few|many|other)$/;
const keysOf = (language: Language) => Object.keys(CATALOGUES[language]).sort();
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('catalogues', () => {
  it('the scan sees the renderer code', () => {
    expect(Object.keys(SOURCES).length).toBeGreaterThan(20);
    expect(CODE).toContain("t('home.ready')");
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

  it('no entry is empty, and both languages use the same placeholders', () => {
    for (const key of keysOf('en')) {
      const en = CATALOGUES.en[key as keyof typeof CATALOGUES.en];
      const fr = CATALOGUES.fr[key as keyof typeof CATALOGUES.fr];
      expect(en.trim(), key).not.toBe('');
      expect(fr.trim(), key).not.toBe('');
      expect(placeholders(fr), key).toEqual(placeholders(en));
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

  it('every key the code asks for exists in both languages', () => {
    const asked = [...CODE.matchAll(/\bt\(\s*'([^']+)'/g)].map((m) => m[1]!);
    expect(asked.length).toBeGreaterThan(100);
    const known = new Set(keysOf('en').map((key) => key.replace(PLURAL, '')));
    expect([...new Set(asked)].filter((key) => !known.has(key))).toEqual([]);
  });
});

describe('translate', () => {
  it('follows the language signal, with interpolation and plurals', () => {
    const language = signal<Language>('en');
    const { t } = createI18n(language);
    expect(t('connection.retryIn', { count: 1, attempt: 2 })).toBe('Reconnecting in 1 second (attempt 2).');
    expect(t('connection.retryIn', { count: 0, attempt: 2 })).toBe('Reconnecting in 0 seconds (attempt 2).');
    language.value = 'fr';
    // French counts 0 as singular.
    expect(t('connection.retryIn', { count: 0, attempt: 2 })).toBe(
      'Reconnexion dans 0 seconde (tentative 2).',
    );
    expect(t('team.count', { count: 1500, total: 2000 })).toBe('1500 agents sur 2000');
  });

  it('does not escape text: Preact escapes it when rendering', () => {
    const { t } = createI18n(signal<Language>('en'));
    expect(t('state.pausedWith', { reason: '<b>&' })).toBe('Paused · <b>&');
  });
});
