import { z, CalendarDate, Uuid } from './common';
import { msg, text } from './messages';

const WallTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: msg('time.format') });

export const WeeklyWindow = z
  .object({
    weekday: z
      .number()
      .int()
      .min(1, { error: msg('weekday.min') })
      .max(7, { error: msg('weekday.max') }),
    opens: WallTime,
    closes: WallTime,
  })
  .refine((w) => w.opens < w.closes, { error: msg('openingHours.closesAfterOpens'), path: ['closes'] })
  .openapi('WeeklyWindow');

export const OpeningHours = z
  .array(WeeklyWindow)
  .max(50)
  .superRefine((windows, ctx) => {
    const sorted = windows
      .map((w, i) => ({ ...w, i }))
      .sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens));
    for (let k = 1; k < sorted.length; k++) {
      const [prev, cur] = [sorted[k - 1], sorted[k]];
      if (prev.weekday === cur.weekday && cur.opens < prev.closes) {
        ctx.addIssue({
          code: 'custom',
          path: [cur.i],
          message: text('openingHours.overlap'),
        });
      }
    }
  })
  .openapi('OpeningHours');

export const Closure = z
  .object({ id: z.uuid(), startsOn: CalendarDate, endsOn: CalendarDate, reason: z.string() })
  .openapi('Closure');
export type Closure = z.infer<typeof Closure>;

export const CreateClosureRequest = z
  .strictObject({
    startsOn: CalendarDate,
    endsOn: CalendarDate,
    reason: z
      .string()
      .trim()
      .min(2, { error: msg('closure.reasonRequired') })
      .max(300),
  })
  .refine((c) => c.startsOn <= c.endsOn, {
    error: msg('period.endNotBeforeStart'),
    path: ['endsOn'],
  })
  .openapi('CreateClosureRequest');

/** Whom an organisation calls about its booking: shown to confirmed bookings, never to the public. */
export const SiteContact = z
  .object({ name: z.string(), phone: z.string(), email: z.string() })
  .openapi('SiteContact');
export type SiteContact = z.infer<typeof SiteContact>;

export const SiteContactInput = z
  .strictObject({
    name: z.string().trim().max(120),
    phone: z
      .string()
      .trim()
      .max(30)
      .regex(/^(\+?[\d\s.()-]{6,30})?$/, { error: msg('phone.format') }),
    // Empty, or an address: one message either way, in the person's language.
    email: z
      .string()
      .trim()
      .max(254)
      .refine((v) => v === '' || z.email().safeParse(v).success, { error: msg('email.format') }),
  })
  .openapi('SiteContactInput');

export const Site = z
  .object({
    id: z.uuid(),
    name: z.string(),
    address: z.string(),
    postcode: z.string(),
    commune: z.string(),
    communeCode: z.string(),
    departementCode: z.string(),
    regionCode: z.string(),
    timeZone: z.string(),
    latitude: z.number(),
    longitude: z.number(),
    accessNotes: z.string(),
    contact: SiteContact.describe('For bookings; empty strings when not given'),
    openingHours: z.array(WeeklyWindow),
    closures: z.array(Closure),
  })
  .openapi('Site');
export type Site = z.infer<typeof Site>;

export const SiteList = z.object({ items: z.array(Site) }).openapi('SiteList');
export const SiteParams = z.object({ id: Uuid });
export const ClosureParams = z.object({ id: Uuid, closureId: Uuid });

export const CreateSiteRequest = z
  .strictObject({
    name: z.string().trim().min(2).max(200),
    address: z.string().trim().min(3).max(300),
    postcode: z.string().regex(/^\d{5}$/, { error: msg('postcode.format') }),
    communeCode: z.string().regex(/^(\d{5}|2[AB]\d{3})$/, { error: msg('commune.code') }),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    accessNotes: z.string().max(2000).default(''),
    managerIds: z.array(z.uuid()).max(50).default([]),
  })
  .openapi('CreateSiteRequest');
export type CreateSiteRequest = z.infer<typeof CreateSiteRequest>;

export const UpdateSiteRequest = z
  .strictObject({
    name: z.string().trim().min(2).max(200).optional(),
    address: z.string().trim().min(3).max(300).optional(),
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
    accessNotes: z.string().max(2000).optional(),
    contact: SiteContactInput.optional(),
  })
  .refine((p) => Object.keys(p).length > 0, { error: msg('update.nothing') })
  .openapi('UpdateSiteRequest');
export type UpdateSiteRequest = z.infer<typeof UpdateSiteRequest>;

export const SiteHoliday = z
  .object({
    date: CalendarDate,
    name: z.string(),
    open: z.boolean().describe('The site opens on this holiday'),
  })
  .openapi('SiteHoliday');
export const SiteHolidayList = z.object({ items: z.array(SiteHoliday) }).openapi('SiteHolidayList');
export const SiteHolidaysQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const HolidayOpeningsRequest = z
  .strictObject({
    dates: z
      .array(CalendarDate)
      .max(40)
      .refine((d) => new Set(d).size === d.length, { error: msg('holiday.duplicateDate') }),
  })
  .openapi('HolidayOpeningsRequest');
