import { z, CalendarDate } from './common';
import { msg } from './messages';

export const OCCUPANCY_GROUPS = ['site', 'space', 'kind', 'month', 'week', 'legalForm', 'theme'] as const;
export const OccupancyGroupBy = z.enum(OCCUPANCY_GROUPS);
export type OccupancyGroupBy = z.infer<typeof OccupancyGroupBy>;

/** The longest period one report covers, in days (three years and a leap day). */
export const OCCUPANCY_MAX_DAYS = 1_097;

const SCOPE = /^(national|region:[0-9]{2}|departement:(2A|2B|[0-9]{2,3})|site:[0-9a-f-]{36})$/i;

/**
 * A scope however it is cased (`REGION:32`, `Departement:2a`) in its one spelling: kinds in lower case,
 * Corsica's départements in upper case, site ids in lower case. Whatever reads it compares it exactly.
 */
function canonicalScope(scope: string): string {
  const [kind, value] = scope.toLowerCase().split(':');
  return kind === 'departement' ? `${kind}:${value.toUpperCase()}` : scope.toLowerCase();
}

export const OccupancyQuery = z
  .object({
    scope: z
      .string()
      .regex(SCOPE, { error: msg('occupancy.scope') })
      .transform(canonicalScope)
      .openapi({ example: 'region:76', description: 'Case-insensitive' }),
    from: CalendarDate.openapi({ example: '2026-03-01' }),
    to: CalendarDate.openapi({ example: '2026-03-31', description: 'Last day included' }),
    groupBy: OccupancyGroupBy.default('site'),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], error: msg('period.endAfterStart') })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < OCCUPANCY_MAX_DAYS, {
    path: ['to'],
    error: msg('occupancy.tooLong'),
  })
  .openapi('OccupancyQuery');
export type OccupancyQuery = z.infer<typeof OccupancyQuery>;

const hours = z.number().nonnegative();
const ratio = z.number().min(0).max(1).nullable();

/** Figures that add up (hours, m²·h, bookings) and those counted or divided after adding (organisations, rates). */
export const OccupancyFigures = z
  .object({
    /** Null on legal-form rows: what is offered belongs to no organisation. */
    offeredHours: hours.nullable(),
    bookedHours: hours,
    offeredSqmHours: hours.nullable(),
    usedSqmHours: hours,
    /** Booked hours over offered hours; on legal-form rows, over the offered hours of the whole scope. */
    rate: ratio,
    bookings: z.number().int().nonnegative(),
    organisations: z.number().int().nonnegative(),
    noShows: z.number().int().nonnegative(),
    /** No-shows over bookings that were due (confirmed, completed and no-shows). */
    noShowRate: ratio,
    /** Cancellations less than 24 hours before the start. */
    lateCancellations: z.number().int().nonnegative(),
    /** Late cancellations over bookings due or cancelled late (confirmed, completed, no-shows, late cancellations). */
    cancellationRate: ratio,
  })
  .openapi('OccupancyFigures');
export type OccupancyFigures = z.infer<typeof OccupancyFigures>;

export const OccupancyRow = OccupancyFigures.extend({
  /** Site or space id, kind, `YYYY-MM`, Monday `YYYY-MM-DD` of the week, or legal form. */
  key: z.string(),
  label: z.string(),
  /** Theme rows: people reached, from the light reports of the projects' bookings counted in the row. */
  peopleReached: z.number().int().nonnegative().optional(),
  /** Site rows: where it is, for the map. */
  latitude: z.number().optional(),
  longitude: z.number().optional(),
}).openapi('OccupancyRow');
export type OccupancyRow = z.infer<typeof OccupancyRow>;

export const OccupancyReport = z
  .object({
    scope: z.string(),
    from: CalendarDate,
    to: CalendarDate,
    groupBy: OccupancyGroupBy,
    rows: z.array(OccupancyRow),
    totals: OccupancyFigures,
  })
  .openapi('OccupancyReport');
export type OccupancyReport = z.infer<typeof OccupancyReport>;
