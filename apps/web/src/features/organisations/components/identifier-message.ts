import type { TFunction } from 'i18next';
import { checkRna, checkSiret, normaliseSiret } from '@lieux/contracts';
import type { Language } from '@lieux/scheduling';

/**
 * The message of the API-shared SIRET check: its own French text in French (the very words the API
 * answers), the locale file's for its `reason` in English. Null when the SIRET is valid.
 */
export function siretProblem(value: string, t: TFunction, lang: Language): string | null {
  const c = checkSiret(value);
  if (c.valid) return null;
  return lang === 'fr'
    ? c.message
    : t(`identifiers.siret.${c.reason}`, { count: normaliseSiret(value).length });
}

export function rnaProblem(value: string, t: TFunction, lang: Language): string | null {
  const c = checkRna(value);
  if (c.valid) return null;
  return lang === 'fr' ? c.message : t(`identifiers.rna.${c.reason}`);
}
