import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import fr from '../locales/fr.json';
import en from '../locales/en.json';
import { ERROR_CODES, ERROR_MESSAGES, setMessageLanguage, type ErrorMessageKey } from '@lieux/contracts';
import type { Language } from '@lieux/scheduling';

export const LANGUAGES: readonly Language[] = ['fr', 'en'];
const STORAGE_KEY = 'lieux.language';

function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'fr' || saved === 'en') return saved;
  } catch {
    // storage unavailable: French
  }
  return 'fr';
}

/**
 * The API's words for each error code (libs/contracts), under the web's own where it words a code its
 * way (shorter, or telling what the page did): one catalogue, the locale files hold only the differences.
 */
function withApiErrors<T extends { errors: Record<string, string> }>(lang: Language, messages: T): T {
  const api = Object.fromEntries(
    ERROR_CODES.filter(
      (code): code is (typeof ERROR_CODES)[number] & ErrorMessageKey => code in ERROR_MESSAGES,
    ).map((code) => [code, ERROR_MESSAGES[code][lang]]),
  );
  return { ...messages, errors: { ...api, ...messages.errors } };
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { fr: { translation: withApiErrors('fr', fr) }, en: { translation: withApiErrors('en', en) } },
  lng: initialLanguage(),
  fallbackLng: 'fr',
  supportedLngs: LANGUAGES as Language[],
  interpolation: { escapeValue: false },
  initAsync: false,
});

/** The page's `lang`, and the language the shared schemas raise their field messages in. */
function syncLanguage(lng: string) {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
  setMessageLanguage(currentLanguage());
}
syncLanguage(i18n.language);
i18n.on('languageChanged', (lng) => {
  syncLanguage(lng);
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // ignore
  }
});

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'fr';
}
