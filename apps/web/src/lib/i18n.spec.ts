import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '@lieux/contracts';
import { i18n } from './i18n';

describe('error messages', () => {
  it('take the API’s words for a code from the contracts, and the web’s own where it has them', () => {
    const fr = i18n.getFixedT('fr');
    const en = i18n.getFixedT('en');
    expect(fr('errors.TOO_MANY_ATTENDEES')).toBe(ERROR_MESSAGES.TOO_MANY_ATTENDEES.fr);
    expect(en('errors.TOO_MANY_ATTENDEES')).toBe(ERROR_MESSAGES.TOO_MANY_ATTENDEES.en);
    expect(fr('errors.SLOT_TAKEN')).toMatch(/Le calendrier a été mis à jour/);
    expect(en('errors.SLOT_TAKEN')).not.toBe(fr('errors.SLOT_TAKEN'));
  });
});

describe('locale files', () => {
  // Only the language in use is loaded, with no fallback: a key missing from one would show as a key.
  it('have the same keys in French and in English', async () => {
    const keys = (words: object, prefix = ''): string[] =>
      Object.entries(words).flatMap(([key, value]) =>
        value && typeof value === 'object' ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
      );
    const { default: fr } = await import('../locales/fr.json');
    const { default: en } = await import('../locales/en.json');
    expect(keys(en).sort()).toEqual(keys(fr).sort());
  });
});
