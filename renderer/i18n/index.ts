import type { ReadonlySignal } from '@preact/signals';
import type { Language } from '../../preload/contract';
import { translator, type Translate } from '../../shared/i18n';

export {
  CATALOGUES,
  isMessageKey,
  popReason,
  type MessageKey,
  type Params,
  type Translate,
} from '../../shared/i18n';

export interface I18n {
  readonly language: ReadonlySignal<Language>;
  /** Reads the language signal, so a component that translates re-renders when it changes. */
  t: Translate;
}

/** The window's translator: the shared catalogues (`shared/i18n`), following the language setting. */
export function createI18n(language: ReadonlySignal<Language>): I18n {
  // Plain labels are looked up many times a frame (every row of a long list): remember them.
  const plain = new Map<string, string>();
  return {
    language,
    t: (key, params) => {
      const lang = language.value;
      if (params) return translator(lang)(key, params);
      const id = `${lang}:${key}`;
      let text = plain.get(id);
      if (text === undefined) {
        text = translator(lang)(key);
        plain.set(id, text);
      }
      return text;
    },
  };
}
