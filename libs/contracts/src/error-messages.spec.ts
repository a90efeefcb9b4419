import { ERROR_MESSAGES, errorText, problemTitle, type ErrorMessageKey } from './error-messages';
import { ERROR_CODES } from './errors';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const keys = Object.keys(ERROR_MESSAGES) as ErrorMessageKey[];

describe('the error message catalogue', () => {
  it.each([...ERROR_CODES])('%s has its words in French and English', (code) => {
    const own = keys.filter((k) => k === code || k.startsWith(`${code}.`));
    expect(own.length).toBeGreaterThan(0);
  });

  it.each(keys)('%s has a French and an English text with the same parameters', (key) => {
    const { fr, en }: { fr: string; en: string } = ERROR_MESSAGES[key];
    expect(fr.trim()).toBeTruthy();
    expect(en.trim()).toBeTruthy();
    expect(en).not.toBe(fr);
    expect(placeholders(en)).toEqual(placeholders(fr));
  });

  it('fills parameters, numbers the way each language writes them', () => {
    const tooMany = { key: 'TOO_MANY_OCCURRENCES', params: { max: 1200 } } as const;
    expect(errorText(tooMany, 'fr')).toMatch(
      /^Une série compte au plus 1\s200 occurrences : raccourcissez-la\.$/u,
    );
    expect(errorText(tooMany, 'en')).toBe('A series has at most 1,200 occurrences: shorten it.');
    expect(errorText('NOT_FOUND.space', 'fr')).toBe('Cet espace introuvable.');
  });

  it('titles a problem by its status in either language, with a fallback for any other status', () => {
    expect(problemTitle(422, 'fr')).toBe('Demande refusée');
    expect(problemTitle(422, 'en')).toBe('Request refused');
    expect(problemTitle(418, 'fr')).toBe('Erreur');
    expect(problemTitle(418, 'en')).toBe('Error');
  });
});
