import { z } from '../../../lib/zod';
import type { TFunction } from 'i18next';
import { CreateBookingRequest, type Space } from '@lieux/contracts';
import { fromWallClock } from '../../../lib/wall-clock';
import { slotVerdict, type DayAvailability } from '../../../lib/day-availability';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const MINUTE = 60_000;

export interface BookingFormValues {
  date: string;
  startTime: string;
  endTime: string;
  title: string;
  attendees: number;
}

export interface BookingFormContext {
  space: Pick<Space, 'id' | 'capacity' | 'policy'> & { site: Pick<Space['site'], 'timeZone'> };
  /**
   * The availability of the chosen day, once known: a period it shows taken or closed is refused before
   * the API does; a period outside that day is left to the API.
   */
  day?: DayAvailability | null;
  now?: () => number;
}

/** The request the form sends: wall-clock fields turned into instants in the site's zone. */
export function toBookingRequest(
  values: BookingFormValues,
  space: BookingFormContext['space'],
): CreateBookingRequest {
  return {
    spaceId: space.id,
    start: fromWallClock(values.date, values.startTime, space.site.timeZone),
    end: fromWallClock(values.date, values.endTime, space.site.timeZone),
    title: values.title.trim(),
    attendees: values.attendees,
  };
}

function durationText(minutes: number, t: TFunction) {
  if (minutes < 60) return t('spaces.duration.minutes', { count: minutes });
  if (minutes % 60 === 0) return t('spaces.duration.hours', { count: minutes / 60 });
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * The booking form's rules: the shared `CreateBookingRequest` schema, plus what the space's policy lets
 * the web check before asking (step, duration, capacity, free time). Messages come from the locale files.
 */
export function bookingFormSchema(ctx: BookingFormContext, t: TFunction) {
  const { space } = ctx;
  const policy = space.policy;
  const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

  return z
    .object({
      date: z.string().regex(DATE, { error: t('bookingForm.errors.date') }),
      startTime: z.string().regex(TIME, { error: t('bookingForm.errors.time') }),
      endTime: z.string().regex(TIME, { error: t('bookingForm.errors.time') }),
      title: z
        .string()
        .trim()
        .min(1, { error: t('bookingForm.errors.subjectRequired') })
        .max(120, { error: t('bookingForm.errors.subjectTooLong') }),
      attendees: z
        .number({ error: t('bookingForm.errors.attendeesRequired') })
        .int({ error: t('bookingForm.errors.attendeesInteger') })
        .min(1, { error: t('bookingForm.errors.attendeesMin') })
        .max(space.capacity, { error: t('bookingForm.errors.attendeesMax', { count: space.capacity }) }),
    })
    .superRefine((v, issue) => {
      // Field rules already complained: the period cannot be judged yet.
      if (!DATE.test(v.date) || !TIME.test(v.startTime) || !TIME.test(v.endTime)) return;
      const startMin = minutesOf(v.startTime);
      const endMin = minutesOf(v.endTime);
      const step = policy.slotStepMinutes;
      if (startMin % step !== 0) {
        issue.addIssue({
          code: 'custom',
          path: ['startTime'],
          message: t('bookingForm.errors.step', { minutes: step }),
        });
      }
      if (endMin % step !== 0) {
        issue.addIssue({
          code: 'custom',
          path: ['endTime'],
          message: t('bookingForm.errors.step', { minutes: step }),
        });
      }
      const request = toBookingRequest(v, space);
      const start = Date.parse(request.start);
      const end = Date.parse(request.end);
      if (end <= start) {
        issue.addIssue({ code: 'custom', path: ['endTime'], message: t('bookingForm.errors.endAfterStart') });
        return;
      }
      const minutes = (end - start) / MINUTE;
      if (minutes < policy.minDurationMinutes) {
        issue.addIssue({
          code: 'custom',
          path: ['endTime'],
          message: t('bookingForm.errors.tooShort', { duration: durationText(policy.minDurationMinutes, t) }),
        });
      }
      if (minutes > policy.maxDurationMinutes) {
        issue.addIssue({
          code: 'custom',
          path: ['endTime'],
          message: t('bookingForm.errors.tooLong', { duration: durationText(policy.maxDurationMinutes, t) }),
        });
      }
      const now = (ctx.now ?? Date.now)();
      if (start < now) {
        issue.addIssue({ code: 'custom', path: ['startTime'], message: t('bookingForm.errors.inThePast') });
      } else if (ctx.day && ctx.day.day.start <= start && end <= ctx.day.day.end) {
        const verdict = slotVerdict({ start, end }, ctx.day);
        if (verdict.kind !== 'free') {
          issue.addIssue({
            code: 'custom',
            path: ['startTime'],
            message: t(verdict.kind === 'taken' ? 'bookingForm.errors.taken' : 'bookingForm.errors.closed'),
          });
        }
      }
      // Last, the shared contract: what the API itself will validate.
      const parsed = CreateBookingRequest.safeParse(request);
      if (!parsed.success) {
        for (const i of parsed.error.issues) {
          const field = FIELD_OF[String(i.path[0])] ?? 'title';
          issue.addIssue({ code: 'custom', path: [field], message: i.message });
        }
      }
    });
}

/** Where a path of the request (or of a 400 answer, `body.start`) shows in the form. */
export const FIELD_OF: Record<string, keyof BookingFormValues> = {
  start: 'startTime',
  end: 'endTime',
  title: 'title',
  attendees: 'attendees',
  spaceId: 'date',
};

/** The period the date and times make in the site's zone, or null while they are incomplete or backwards. */
export function periodOf(
  values: Pick<BookingFormValues, 'date' | 'startTime' | 'endTime'>,
  space: BookingFormContext['space'],
): { start: number; end: number } | null {
  try {
    const request = toBookingRequest({ ...values, title: 'x', attendees: 1 }, space);
    const start = Date.parse(request.start);
    const end = Date.parse(request.end);
    return end > start ? { start, end } : null;
  } catch {
    return null;
  }
}
