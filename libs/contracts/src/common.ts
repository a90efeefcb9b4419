import { z } from 'zod';
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { en, fr } from 'zod/locales';
import { messageLanguage, msg } from './messages';

// The extension reads only `ZodType`: handed the whole namespace, a bundler would keep all of zod (every
// locale, the JSON Schema converters) in the browser's chunks.
extendZodWithOpenApi({ ZodType: z.ZodType } as Parameters<typeof extendZodWithOpenApi>[0]);
// zod's own messages (type mismatches, unknown keys, bare limits) follow the language of ours: French
// first. A function, not a locale set once, so the language is read when each issue is raised.
const ZOD_LOCALES = { fr: fr(), en: en() };

/**
 * zod's settings for this product, applied when this module loads. The web calls it again where a page's
 * chunk may be the first to use zod (its lib/zod.ts): a bundler that follows `z` straight to zod would
 * otherwise leave this module, and these settings, out of that chunk.
 */
export function configureZod(): void {
  z.config({
    localeError: (issue) => ZOD_LOCALES[messageLanguage()].localeError(issue),
    // In the browser, the page's Content-Security-Policy forbids eval: zod's probe for it (`new Function`)
    // would be reported as a violation. Set before any schema exists, since each reads it when built.
    ...('document' in globalThis ? { jitless: true } : {}),
  });
}
configureZod();

export { z };

const MIN_YEAR = 1900;

/** An instant with an explicit offset: `2026-03-03T14:30:00+01:00` or `…Z`. */
export const Instant = z.iso
  .datetime({ offset: true, error: msg('instant.format') })
  // Years before 1900 (`0002-…` is well-formed ISO) mean nothing here and break the calendar's rules
  // (Easter, hence the holidays, from 1583 only): refused as input, not met deep in a computation.
  .refine((s) => Number(s.slice(0, 4)) >= MIN_YEAR, { error: msg('instant.range', { min: MIN_YEAR }) })
  .openapi({ example: '2026-03-03T14:30:00+01:00' });

export const Uuid = z.uuid({ error: msg('uuid.format') });

/** A day of the calendar, `2026-03-03`. */
export const CalendarDate = z.iso.date({ error: msg('date.format') });

export const Password = z
  .string()
  .min(10, { error: msg('password.tooShort', { min: 10 }) })
  .max(200, { error: msg('password.tooLong', { max: 200 }) });

export const DisplayName = z
  .string()
  .trim()
  .min(2, { error: msg('text.atLeastTwo') })
  .max(100);

const DAY_MS = 86_400_000;

/**
 * The longest period, in days, a caller may ask about, by kind of question. Whatever the API works out
 * day by day for a period (opening hours, holidays, closures) is bounded by these, so that no request,
 * even an anonymous one, holds the server for long.
 */
export const PERIOD_LIMITS_DAYS = {
  /** The longest single booking a space's policy may allow. */
  booking: 7,
  /** A search for spaces free over a window looks for one booking's period: no longer than a booking. */
  search: 7,
  /** An availability answer: about two months of calendar. */
  availability: 62,
} as const;

/** Whether the instant `to` comes at most `days` days after `from`. */
export const spansAtMost = (from: string, to: string, days: number): boolean =>
  Date.parse(to) - Date.parse(from) <= days * DAY_MS;

export const Interval = z.object({ start: Instant, end: Instant }).openapi('Interval');
export type Interval = z.infer<typeof Interval>;

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    /** For `QUOTA_EXCEEDED`: the limit reached and what was left (see `QuotaStanding`). */
    quota: z.record(z.string(), z.unknown()).optional(),
    /** The request's id, also in its `X-Request-Id` header and its log lines. */
    requestId: z.string().optional(),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details' });
export type Problem = z.infer<typeof Problem>;

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
};

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
