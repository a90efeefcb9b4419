import { ERROR_CODES, ERROR_MESSAGES, setMessageLanguage, type ErrorMessageKey } from '@lieux/contracts';
import type { Language } from '@lieux/scheduling';

export type Words = Record<string, unknown> & { errors?: Record<string, string> };

/**
 * The words of every page but the first (src/locales, all but the first part), and the API's words for
 * each error code (libs/contracts): the locale files hold only where the web words a code its way
 * (shorter, or telling what the page did), which win over the API's.
 */
export async function laterWords(lang: Language): Promise<Words> {
  const { default: words } =
    lang === 'en' ? await import('virtual:words/en/later') : await import('virtual:words/fr/later');
  const api = Object.fromEntries(
    ERROR_CODES.filter(
      (code): code is (typeof ERROR_CODES)[number] & ErrorMessageKey => code in ERROR_MESSAGES,
    ).map((code) => [code, ERROR_MESSAGES[code][lang]]),
  );
  // The web's own words for the codes it words its way win over the API's.
  return { ...words, errors: { ...api, ...(words.errors as Record<string, string> | undefined) } };
}

/** The words of the staff's pages only (vite.config.ts, STAFF_WORDS). */
export async function staffWords(lang: Language): Promise<Words> {
  const { default: words } =
    lang === 'en' ? await import('virtual:words/en/staff') : await import('virtual:words/fr/staff');
  return words;
}

/** The words of the projects' pages only (vite.config.ts, PROJECT_WORDS). */
export async function projectWords(lang: Language): Promise<Words> {
  const { default: words } =
    lang === 'en' ? await import('virtual:words/en/projects') : await import('virtual:words/fr/projects');
  return words;
}

/** The first part over the later one: the web's own error words win over the API's. */
export function together(first: Words, later: Words): Words {
  return { ...later, ...first, errors: { ...later.errors, ...first.errors } };
}

/** The language the shared schemas raise their field messages in: they come with the forms, with these. */
export { setMessageLanguage };

/** The words of an organisation's needs pages only (vite.config.ts, NEEDS_WORDS). */
export async function needsWords(lang: Language): Promise<Words> {
  const { default: words } =
    lang === 'en' ? await import('virtual:words/en/needs') : await import('virtual:words/fr/needs');
  return words;
}

/** The words of an organisation's integrations page only (vite.config.ts, INTEGRATION_WORDS). */
export async function integrationWords(lang: Language): Promise<Words> {
  const { default: words } =
    lang === 'en'
      ? await import('virtual:words/en/integrations')
      : await import('virtual:words/fr/integrations');
  return words;
}

/** The words of the pages that get a person an account or back in (vite.config.ts, ACCESS_WORDS). */
export async function accessWords(lang: Language): Promise<Words> {
  const { default: words } =
    lang === 'en' ? await import('virtual:words/en/access') : await import('virtual:words/fr/access');
  return words;
}

type WordsPart = 'staff' | 'projects' | 'needs' | 'integrations' | 'access';
const PARTS: Record<WordsPart, (lang: Language) => Promise<Words>> = {
  staff: staffWords,
  projects: projectWords,
  needs: needsWords,
  integrations: integrationWords,
  access: accessWords,
};

/** The words of one part some pages add on top of all the others. */
export function partWords(lang: Language, part: WordsPart): Promise<Words> {
  return PARTS[part](lang);
}

/** All the words with the parts asked for so far. */
export async function withParts(all: Words, parts: WordsPart[], lang: Language): Promise<Words> {
  const more = await Promise.all(parts.map((part) => partWords(lang, part)));
  return Object.assign({}, all, ...more) as Words;
}
