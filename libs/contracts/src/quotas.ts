import { z, Instant, Uuid } from './common';
import { msg } from './messages';
import { SpaceKind } from './spaces';

/**
 * Fair-use quotas: limits that each organisation meets when it books at a site, set by the site's managers
 * for their site or by an admin for every site (national). Each limit is optional: hours a week (ISO week,
 * from Monday) and hours a month, counted in the site's zone, and bookings at once (pending or confirmed,
 * not yet ended). A rule may hold for one kind of space only, and may name one organisation: it then
 * replaces, for that organisation, the general rule of the same scope and kind. National and site rules
 * hold together: the tightest wins. Beyond a limit, booking answers 422 `QUOTA_EXCEEDED` with `quota`.
 */
export const MAX_QUOTA_WEEK_HOURS = 168;
export const MAX_QUOTA_MONTH_HOURS = 744;
export const MAX_QUOTA_ACTIVE_BOOKINGS = 1000;

const hours = (max: number) =>
  z
    .number({ error: msg('quota.hours', { max }) })
    .min(0.25, { error: msg('quota.hours', { max }) })
    .max(max, { error: msg('quota.hours', { max }) })
    .refine((h) => Number.isInteger(h * 4), { error: msg('quota.hours', { max }) });

const limits = {
  hoursPerWeek: hours(MAX_QUOTA_WEEK_HOURS).nullable(),
  hoursPerMonth: hours(MAX_QUOTA_MONTH_HOURS).nullable(),
  maxActiveBookings: z
    .number({ error: msg('quota.count', { max: MAX_QUOTA_ACTIVE_BOOKINGS }) })
    .int({ error: msg('quota.count', { max: MAX_QUOTA_ACTIVE_BOOKINGS }) })
    .min(1, { error: msg('quota.count', { max: MAX_QUOTA_ACTIVE_BOOKINGS }) })
    .max(MAX_QUOTA_ACTIVE_BOOKINGS, { error: msg('quota.count', { max: MAX_QUOTA_ACTIVE_BOOKINGS }) })
    .nullable(),
};

const someLimit = (r: {
  hoursPerWeek?: number | null;
  hoursPerMonth?: number | null;
  maxActiveBookings?: number | null;
}) => r.hoursPerWeek != null || r.hoursPerMonth != null || r.maxActiveBookings != null;

export const QuotaRule = z
  .object({
    id: Uuid,
    /** Null for a national rule, which holds at every site. */
    siteId: Uuid.nullable(),
    /** Null for the rule of every organisation. */
    organisationId: Uuid.nullable(),
    organisationName: z.string().nullable(),
    /** Null for every kind of space. */
    spaceKind: SpaceKind.nullable(),
    hoursPerWeek: z.number().nullable(),
    hoursPerMonth: z.number().nullable(),
    maxActiveBookings: z.number().int().nullable(),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .openapi('QuotaRule');
export type QuotaRule = z.infer<typeof QuotaRule>;

export const QuotaRuleList = z.object({ items: z.array(QuotaRule) }).openapi('QuotaRuleList');
export type QuotaRuleList = z.infer<typeof QuotaRuleList>;

/** A site's rules, with the national ones that hold there too (read-only for its managers). */
export const SiteQuotaRules = z
  .object({ items: z.array(QuotaRule), national: z.array(QuotaRule) })
  .openapi('SiteQuotaRules');
export type SiteQuotaRules = z.infer<typeof SiteQuotaRules>;

export const CreateQuotaRequest = z
  .object({
    organisationId: Uuid.nullable().default(null),
    spaceKind: SpaceKind.nullable().default(null),
    hoursPerWeek: limits.hoursPerWeek.default(null),
    hoursPerMonth: limits.hoursPerMonth.default(null),
    maxActiveBookings: limits.maxActiveBookings.default(null),
  })
  .refine(someLimit, { error: msg('quota.atLeastOne'), path: ['hoursPerWeek'] })
  .openapi('CreateQuotaRequest');
export type CreateQuotaRequest = z.input<typeof CreateQuotaRequest>;

/** New limits (null removes one); at least one must remain. */
export const UpdateQuotaRequest = z
  .object({
    hoursPerWeek: limits.hoursPerWeek.optional(),
    hoursPerMonth: limits.hoursPerMonth.optional(),
    maxActiveBookings: limits.maxActiveBookings.optional(),
  })
  .openapi('UpdateQuotaRequest');
export type UpdateQuotaRequest = z.infer<typeof UpdateQuotaRequest>;

export const SiteQuotaParams = z.object({ id: Uuid, quotaId: Uuid });
export const QuotaParams = z.object({ id: Uuid });

export const QUOTA_LIMIT_KINDS = ['weekHours', 'monthHours', 'activeBookings'] as const;
export const QuotaLimitKind = z.enum(QUOTA_LIMIT_KINDS);
export type QuotaLimitKind = z.infer<typeof QuotaLimitKind>;

/**
 * One limit of one rule as it stands: minutes for hours (`limit`, `used`, `remaining`), a number of
 * bookings for `activeBookings`; the week or month counted. Also the `quota` member of a 422
 * `QUOTA_EXCEEDED` problem, where `remaining` is what was left before the refused request.
 */
export const QuotaStanding = z
  .object({
    kind: QuotaLimitKind,
    ruleId: Uuid,
    scope: z.enum(['site', 'national']),
    spaceKind: SpaceKind.nullable(),
    limit: z.number().int(),
    used: z.number().int(),
    remaining: z.number().int(),
    windowStart: z.iso.datetime({ offset: true }).nullable(),
    windowEnd: z.iso.datetime({ offset: true }).nullable(),
  })
  .openapi('QuotaStanding');
export type QuotaStanding = z.infer<typeof QuotaStanding>;

export const SpaceQuotaQuery = z.object({
  /** The moment a booking would start; its week and month are counted. Now when absent. */
  at: Instant.optional(),
});

/** What the caller's organisation may still book at a space: the tightest of each limit, and every limit. */
export const SpaceQuota = z
  .object({
    weekMinutesLeft: z.number().int().nullable(),
    monthMinutesLeft: z.number().int().nullable(),
    activeBookingsLeft: z.number().int().nullable(),
    /** What is left in words, in the request's language (Accept-Language); null when no quota holds. */
    summary: z.string().nullable(),
    limits: z.array(QuotaStanding),
  })
  .openapi('SpaceQuota');
export type SpaceQuota = z.infer<typeof SpaceQuota>;
