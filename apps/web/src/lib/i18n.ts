import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import fr from '../locales/fr.json';
import en from '../locales/en.json';
import { setMessageLanguage } from '@lieux/contracts';
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

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { fr: { translation: fr }, en: { translation: en } },
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
