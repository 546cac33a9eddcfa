import i18next from 'i18next';
import type { ReadonlySignal } from '@preact/signals';
import type { Language } from '../../preload/contract';
import { en } from './en';
import { fr } from './fr';

type CatalogueKey = keyof typeof en;
/** A plural entry is written `key_one` / `key_other` and looked up as `key` with a `count`. */
type PluralBase = CatalogueKey extends infer K ? (K extends `${infer B}_other` ? B : never) : never;
export type MessageKey = Exclude<CatalogueKey, `${string}_one` | `${string}_other`> | PluralBase;
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export const CATALOGUES = { en, fr } as const;

export interface I18n {
  readonly language: ReadonlySignal<Language>;
  /** Reads the language signal, so a component that translates re-renders when it changes. */
  t: Translate;
}

/**
 * i18next rather than a hand-rolled lookup: plural rules per language (French counts 0 and 1 as
 * singular, English does not), interpolation, and fallback to English, in a maintained library.
 */
export function createI18n(language: ReadonlySignal<Language>): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    resources: { en: { translation: en }, fr: { translation: fr } },
    lng: language.peek(),
    fallbackLng: 'en',
    keySeparator: false,
    nsSeparator: false,
    interpolation: { escapeValue: false }, // Preact escapes text itself.
  });
  const fixed = {
    en: instance.getFixedT('en') as unknown as (key: string, params?: Params) => string,
    fr: instance.getFixedT('fr') as unknown as (key: string, params?: Params) => string,
  };
  // Plain labels are looked up many times a frame (every row of a long list): remember them.
  const plain = new Map<string, string>();
  return {
    language,
    t: (key, params) => {
      const lang = language.value;
      if (params) return (fixed[lang] ?? fixed.en)(key, params);
      const id = `${lang}:${key}`;
      let text = plain.get(id);
      if (text === undefined) {
        text = (fixed[lang] ?? fixed.en)(key);
        plain.set(id, text);
      }
      return text;
    },
  };
}
