import { ERROR_CODES, ERROR_MESSAGES, setMessageLanguage, type ErrorMessageKey } from '@lieux/contracts';
import type { Language } from '@lieux/scheduling';

/**
 * One language's words, loaded when that language is first used: the page's own (src/locales) over the
 * API's words for each error code (libs/contracts), so the locale files hold only where the web words a
 * code its way (shorter, or telling what the page did).
 */
export async function translations(lang: Language): Promise<Record<string, unknown>> {
  const { default: messages } =
    lang === 'en' ? await import('../locales/en.json') : await import('../locales/fr.json');
  const api = Object.fromEntries(
    ERROR_CODES.filter(
      (code): code is (typeof ERROR_CODES)[number] & ErrorMessageKey => code in ERROR_MESSAGES,
    ).map((code) => [code, ERROR_MESSAGES[code][lang]]),
  );
  return { ...messages, errors: { ...api, ...messages.errors } };
}

export { setMessageLanguage };
