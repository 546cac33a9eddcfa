import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../../preload/contract';
import { createI18n } from '../../../renderer/i18n';

// The catalogue itself is tested once, in test/unit/shared/i18n.test.ts.
describe('the window’s translator', () => {
  it('follows the language signal, with interpolation and plurals', () => {
    const language = signal<Language>('en');
    const { t } = createI18n(language);
    expect(t('home.ready')).toBe('Ready');
    expect(t('connection.retryIn', { count: 1, attempt: 2 })).toBe('Reconnecting in 1 second (attempt 2).');
    language.value = 'fr';
    expect(t('home.ready')).toBe('Disponible');
    expect(t('connection.retryIn', { count: 0, attempt: 2 })).toBe(
      'Reconnexion dans 0 seconde (tentative 2).',
    );
    expect(t('team.count', { count: 1500, total: 2000 })).toBe('1500 agents sur 2000');
  });
});
