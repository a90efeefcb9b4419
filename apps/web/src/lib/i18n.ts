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

function asLanguage(lng: string | undefined): Language {
  return lng === 'en' ? 'en' : 'fr';
}

const start = initialLanguage();
const later = () => import('./translations');
const firstWords = (lang: Language) =>
  lang === 'en' ? import('virtual:words/en/first') : import('virtual:words/fr/first');

/** Whether a page other than the first has asked for all the words: each language loaded since has them. */
let allWordsAsked = false;
/**
 * Likewise for the words of some pages only: the staff's, the projects', the needs' and the
 * integrations' (vite.config.ts, STAFF_WORDS, PROJECT_WORDS, NEEDS_WORDS, INTEGRATION_WORDS), each asked by its pages.
 */
const partsAsked = new Set<WordsPart>();
const loadedLanguages = new Set<Language>();

async function words(lang: Language) {
  loadedLanguages.add(lang);
  const { default: first } = await firstWords(lang);
  if (!allWordsAsked) return first;
  const m = await later();
  const all = m.together(first, await m.laterWords(lang));
  return m.withParts(all, [...partsAsked], lang);
}

export const i18n = i18next.createInstance();

/**
 * Resolves once the first words of the starting language are in: the app renders after it. Only the
 * language in use is fetched (the locale files have the same keys, so no fallback language is loaded
 * beside it); switching language fetches the other before the switch.
 */
export const i18nReady: Promise<unknown> = i18n
  .use(initReactI18next)
  .use(resourcesToBackend((lng: string) => words(asLanguage(lng))))
  .init({
    lng: start,
    fallbackLng: false,
    supportedLngs: LANGUAGES as Language[],
    load: 'currentOnly',
    interpolation: { escapeValue: false },
  });

let allWords: Promise<void> | undefined;

/**
 * The rest of the words (every page but the home page's), with the API's error messages and the
 * schemas' field messages: a page waits for them before it renders (router.tsx).
 */
export function loadAllWords(): Promise<void> {
  allWords ??= (async () => {
    allWordsAsked = true;
    const m = await later();
    await Promise.all(
      [...loadedLanguages].map(async (lang) =>
        // Under the first part already there: the web's own error words stay.
        i18n.addResourceBundle(lang, 'translation', await m.laterWords(lang), true, false),
      ),
    );
    m.setMessageLanguage(currentLanguage());
  })();
  return allWords;
}

i18n.on('languageChanged', (lng) => {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
  if (allWordsAsked) void later().then((m) => m.setMessageLanguage(asLanguage(lng)));
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // ignore
  }
});

export function currentLanguage(): Language {
  return asLanguage(i18n.language ?? start);
}

type WordsPart = 'staff' | 'projects' | 'needs' | 'integrations' | 'access';
const partsIn = new Map<WordsPart, Promise<void>>();

/** All the words and one part more (router.tsx's `words: 'staff'`, `'projects'` or `'needs'`), for each language loaded. */
function loadPart(part: WordsPart): Promise<void> {
  let loading = partsIn.get(part);
  if (!loading) {
    loading = (async () => {
      await loadAllWords();
      partsAsked.add(part);
      const m = await later();
      await Promise.all(
        [...loadedLanguages].map(async (lang) =>
          i18n.addResourceBundle(lang, 'translation', await m.partWords(lang, part), true, false),
        ),
      );
    })();
    partsIn.set(part, loading);
  }
  return loading;
}

/** All the words and the staff's pages' own (router.tsx's `words: 'staff'`). */
export const loadStaffWords = (): Promise<void> => loadPart('staff');
/** All the words and the projects' pages' own (router.tsx's `words: 'projects'`). */
export const loadProjectWords = (): Promise<void> => loadPart('projects');
/** All the words and an organisation's needs pages' own (router.tsx's `words: 'needs'`). */
export const loadNeedsWords = (): Promise<void> => loadPart('needs');
/** All the words and an organisation's integrations page's own (router.tsx's `words: 'integrations'`). */
export const loadIntegrationWords = (): Promise<void> => loadPart('integrations');
/** All the words and those of the pages that get a person an account or back in (router.tsx's `words: 'access'`). */
export const loadAccessWords = (): Promise<void> => loadPart('access');
