import { z, Uuid } from './common';

const WallTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Heure attendue au format HH:mm');
const CalendarDate = z.iso.date({ message: 'Date attendue au format AAAA-MM-JJ' });

export const WeeklyWindow = z
  .object({
    weekday: z.number().int().min(1, '1 = lundi').max(7, '7 = dimanche'),
    opens: WallTime,
    closes: WallTime,
  })
  .refine((w) => w.opens < w.closes, { message: 'La fermeture doit suivre l’ouverture', path: ['closes'] })
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
          message: 'Ce créneau chevauche un autre créneau du même jour',
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
    reason: z.string().trim().min(2, 'Indiquez la raison (travaux, congés…)').max(300),
  })
  .refine((c) => c.startsOn <= c.endsOn, {
    message: 'La fin ne peut pas précéder le début',
    path: ['endsOn'],
  })
  .openapi('CreateClosureRequest');

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
    postcode: z.string().regex(/^\d{5}$/, 'Code postal à cinq chiffres'),
    communeCode: z.string().regex(/^(\d{5}|2[AB]\d{3})$/, 'Code INSEE de commune attendu'),
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
  })
  .refine((p) => Object.keys(p).length > 0, { message: 'Rien à modifier' })
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
      .refine((d) => new Set(d).size === d.length, 'Date en double'),
  })
  .openapi('HolidayOpeningsRequest');
