import i18next from 'i18next';
import resourcesToBackend from 'i18next-resources-to-backend';
import { initReactI18next } from 'react-i18next';
import type { Language } from '@lieux/scheduling';

const LANGUAGES: readonly Language[] = ['fr', 'en'];
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

const start = initialLanguage();
const loadTranslations = () => import('./translations');

export const i18n = i18next.createInstance();

/**
 * Resolves once the starting language's words are in: the app renders its pages after it. Only the
 * language in use is fetched (the locale files have the same keys, so no fallback language is loaded
 * beside it); switching language fetches the other before the switch.
 */
export const i18nReady: Promise<unknown> = i18n
  .use(initReactI18next)
  .use(resourcesToBackend((lng: string) => loadTranslations().then((m) => m.translations(asLanguage(lng)))))
  .init({
    lng: start,
    fallbackLng: false,
    supportedLngs: LANGUAGES as Language[],
    load: 'currentOnly',
    interpolation: { escapeValue: false },
  });

function asLanguage(lng: string): Language {
  return lng === 'en' ? 'en' : 'fr';
}

/** The page's `lang`, and the language the shared schemas raise their field messages in. */
function syncLanguage(lng: string) {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
  // The schemas' messages come with the forms; the translations' chunk carries their language setting.
  void loadTranslations().then((m) => m.setMessageLanguage(asLanguage(lng)));
}
syncLanguage(start);
i18n.on('languageChanged', (lng) => {
  syncLanguage(lng);
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // ignore
  }
});

export function currentLanguage(): Language {
  return asLanguage(i18n.language ?? start);
}
