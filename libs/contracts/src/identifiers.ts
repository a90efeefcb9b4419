import { z } from './common';
import { text } from './messages';

/** French identifiers of organisations: SIRET, SIREN (Luhn, with La Poste's exception) and RNA. */

// `\s` already covers U+00A0 and U+202F (and tabs, line breaks); both are named for the reader.
const SEPARATORS = /[\s.\u00a0\u202f]/g;
const LA_POSTE_SIREN = '356000000';

export type IdentifierCheck<K extends string> =
  | ({ valid: true } & Record<K, string>)
  | { valid: false; reason: 'EMPTY' | 'NOT_DIGITS' | 'WRONG_LENGTH' | 'BAD_CHECKSUM'; message: string };
export type SiretCheck = IdentifierCheck<'siret' | 'siren'>;
export type SirenCheck = IdentifierCheck<'siren'>;

/** The Luhn formula over ASCII digits; anything else (including the empty string) is not valid. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
    sum += n;
  }
  return sum % 10 === 0;
}

export function normaliseSiret(input: string): string {
  return input.replace(SEPARATORS, '');
}

/** Messages are in the current language (see messages.ts): the web shows them as they are. */
function checkDigits(input: string, length: number, label: string) {
  const digits = normaliseSiret(input);
  if (digits.length === 0)
    return { ok: false as const, reason: 'EMPTY' as const, message: text('identifier.empty', { label }) };
  if (!/^\d+$/.test(digits)) {
    return {
      ok: false as const,
      reason: 'NOT_DIGITS' as const,
      message: text('identifier.notDigits', { label }),
    };
  }
  if (digits.length !== length) {
    return {
      ok: false as const,
      reason: 'WRONG_LENGTH' as const,
      message: text('identifier.wrongLength', { label, length, count: digits.length }),
    };
  }
  return { ok: true as const, digits };
}

/**
 * Luhn, except for La Poste's establishments (SIREN 356000000), too many for the check digit to work:
 * theirs are also valid when the sum of the 14 digits is a multiple of 5. It is "Luhn OR sum", not
 * "sum instead of Luhn": the head office 35600000000048 passes Luhn but its digits add up to 26.
 */
export function checkSiret(input: string): SiretCheck {
  const d = checkDigits(input, 14, 'SIRET');
  if (!d.ok) return { valid: false, reason: d.reason, message: d.message };
  const laPoste =
    d.digits.startsWith(LA_POSTE_SIREN) && [...d.digits].reduce((s, c) => s + Number(c), 0) % 5 === 0;
  if (!luhnValid(d.digits) && !laPoste) {
    return {
      valid: false,
      reason: 'BAD_CHECKSUM',
      message: text('identifier.badChecksum', { label: 'SIRET' }),
    };
  }
  return { valid: true, siret: d.digits, siren: d.digits.slice(0, 9) };
}

export function checkSiren(input: string): SirenCheck {
  const d = checkDigits(input, 9, 'SIREN');
  if (!d.ok) return { valid: false, reason: d.reason, message: d.message };
  if (!luhnValid(d.digits)) {
    return {
      valid: false,
      reason: 'BAD_CHECKSUM',
      message: text('identifier.badChecksum', { label: 'SIREN' }),
    };
  }
  return { valid: true, siren: d.digits };
}

export type RnaCheck =
  { valid: true; rna: string } | { valid: false; reason: 'EMPTY' | 'BAD_FORMAT'; message: string };

export function checkRna(input: string): RnaCheck {
  const rna = input.trim().toUpperCase();
  if (!rna) return { valid: false, reason: 'EMPTY', message: text('rna.empty') };
  if (!/^W\d{9}$/.test(rna)) {
    return {
      valid: false,
      reason: 'BAD_FORMAT',
      message: text('rna.format'),
    };
  }
  return { valid: true, rna };
}

/**
 * A SIRET as people type it; parses to its 14 digits. The transform is kept: zod-to-openapi describes
 * the pipe by its `.openapi` override (checked in identifiers.spec.ts). Issues carry `params.reason`.
 */
export const Siret = z
  .string()
  .max(40)
  .superRefine((v, ctx) => {
    const c = checkSiret(v);
    if (!c.valid) ctx.addIssue({ code: 'custom', message: c.message, params: { reason: c.reason } });
  })
  .transform(normaliseSiret)
  .openapi({ type: 'string', example: '35600000000048', description: 'SIRET (14 digits; spaces allowed)' });

/** An RNA number (W + 9 digits); parses to its upper-case form. */
export const Rna = z
  .string()
  .max(20)
  .superRefine((v, ctx) => {
    const c = checkRna(v);
    if (!c.valid) ctx.addIssue({ code: 'custom', message: c.message, params: { reason: c.reason } });
  })
  .transform((v) => v.trim().toUpperCase())
  .openapi({ type: 'string', example: 'W751234567', description: 'RNA number of an association' });
