import { checkBooking, closedDayOf, type BookingRules } from './policy';
import { siteDays, type SiteDays } from './closed-days';

const PARIS = 'Europe/Paris';
const rules: BookingRules = {
  slotStepMinutes: 30,
  minDurationMinutes: 30,
  maxDurationMinutes: 240,
  minNoticeMinutes: 60,
  horizonDays: 90,
  capacity: 12,
};
const at = (iso: string) => Date.parse(iso);
const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '09:00', closes: '18:00' }));
const site: SiteDays = {
  timeZone: PARIS,
  departementCode: '57',
  openingHours: weekdays,
  closures: [{ startsOn: '2026-05-12', endsOn: '2026-05-13', reason: 'Travaux' }],
};
// May 2026: Friday 1 (Fête du Travail), Friday 8 (Victoire 1945), Thursday 14 (Ascension).
const window = { start: at('2026-04-27T00:00:00+02:00'), end: at('2026-05-18T00:00:00+02:00') };
const now = at('2026-04-27T08:00:00+02:00');
const judge = (start: string, end: string, s: SiteDays = site) => {
  const period = { start: at(start), end: at(end) };
  const attempt = { period, attendees: 4, now, timeZone: PARIS, ...siteDays(s, window) };
  return { violations: checkBooking(rules, attempt), day: closedDayOf(attempt) };
};

describe('one refusal for a day the site is shut', () => {
  it('names the public holiday a booking falls on', () => {
    expect(judge('2026-05-01T10:00:00+02:00', '2026-05-01T11:00:00+02:00')).toEqual({
      violations: ['HOLIDAY'],
      day: expect.objectContaining({ kind: 'HOLIDAY', name: 'Fête du Travail' }),
    });
    expect(judge('2026-05-14T10:00:00+02:00', '2026-05-14T11:00:00+02:00').day?.name).toBe('Ascension');
  });

  it('names the closure, which comes before a holiday on the same day', () => {
    expect(judge('2026-05-12T10:00:00+02:00', '2026-05-12T11:00:00+02:00')).toEqual({
      violations: ['CLOSED'],
      day: expect.objectContaining({ kind: 'CLOSED', name: 'Travaux' }),
    });
    const shutOnHoliday = {
      ...site,
      closures: [{ startsOn: '2026-05-01', endsOn: '2026-05-01', reason: 'Inventaire' }],
    };
    expect(judge('2026-05-01T10:00:00+02:00', '2026-05-01T11:00:00+02:00', shutOnHoliday).violations).toEqual(
      ['CLOSED'],
    );
  });

  it('keeps OUTSIDE_OPENING_HOURS for an ordinary day outside the hours', () => {
    expect(judge('2026-05-04T18:00:00+02:00', '2026-05-04T19:00:00+02:00').violations).toEqual([
      'OUTSIDE_OPENING_HOURS',
    ]);
    expect(judge('2026-05-09T10:00:00+02:00', '2026-05-09T11:00:00+02:00').violations).toEqual([
      'OUTSIDE_OPENING_HOURS',
    ]);
  });

  it('accepts a holiday the site has chosen to open on', () => {
    const opens = { ...site, holidayOpenings: ['2026-05-08'] };
    expect(judge('2026-05-08T10:00:00+02:00', '2026-05-08T11:00:00+02:00', opens)).toEqual({
      violations: [],
      day: undefined,
    });
  });

  it('says OUTSIDE_OPENING_HOURS, as before, when the caller gives no closed days', () => {
    const period = { start: at('2026-05-01T10:00:00+02:00'), end: at('2026-05-01T11:00:00+02:00') };
    const { open } = siteDays(site, window);
    expect(checkBooking(rules, { period, attendees: 4, now, timeZone: PARIS, open })).toEqual([
      'OUTSIDE_OPENING_HOURS',
    ]);
  });
});
