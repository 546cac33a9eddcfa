/**
 * The one catalogue system: every word the agent reads, in the window, from the desk (tray,
 * notifications, error sentences) and from the hosts (native dialogs), in English and French.
 *
 * i18next rather than a hand-rolled lookup: plural rules per language (French counts 0 and 1 as
 * singular, English does not), interpolation, and fallback to English, in a maintained library.
 * Keys are flat and typed: `t()` takes only keys of the English catalogue, and the French one must
 * have the same keys (the compiler checks it; `test/unit/shared/i18n.test.ts` also fails on a key
 * that is missing or that no code uses). Text is not escaped: Preact escapes what it renders, and
 * native notifications and dialogs take plain text.
 */
import i18next from 'i18next';
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

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  resources: { en: { translation: en }, fr: { translation: fr } },
  lng: 'en',
  fallbackLng: 'en',
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
});
const translators = new Map<Language, Translate>();

/** The translator for one language (unknown languages get English). */
export function translator(language: Language): Translate {
  const lang: Language = Object.prototype.hasOwnProperty.call(CATALOGUES, language) ? language : 'en';
  let t = translators.get(lang);
  if (!t) {
    const fixed = instance.getFixedT(lang) as unknown as (key: string, params?: Params) => string;
    t = (key, params) => fixed(key, params);
    translators.set(lang, t);
  }
  return t;
}

/** Whether `key` names a message (a plural by its base name), for keys that crossed the bridge. */
export function isMessageKey(key: unknown): key is MessageKey {
  return (
    typeof key === 'string' &&
    (Object.prototype.hasOwnProperty.call(en, key) ||
      Object.prototype.hasOwnProperty.call(en, `${key}_other`))
  );
}

/** The screen-pop policy's refusal reasons (`main/desk/screen-pop.ts`), each with its words. */
const POP_REASON_KEYS: Record<string, MessageKey> = {
  'too-long': 'popReason.tooLong',
  'control-characters': 'popReason.controlCharacters',
  unparsable: 'popReason.unparsable',
  scheme: 'popReason.scheme',
  'http-not-allowed': 'popReason.httpNotAllowed',
  credentials: 'popReason.credentials',
  'host-not-allowed': 'popReason.hostNotAllowed',
  'token-to-unlisted-host': 'popReason.tokenToUnlistedHost',
  'already-popped': 'popReason.alreadyPopped',
};

/** Why the screen-pop policy refused a page, in words; an unknown reason is shown as it is. */
export function popReason(t: Translate, reason: string): string {
  const key = POP_REASON_KEYS[reason];
  return key ? t(key) : reason;
}

/** The language for an operating-system locale (`fr-CA` → `fr`), for words shown before settings load. */
export function languageFor(locale: string): Language {
  return locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
