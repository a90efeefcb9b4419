import fc from 'fast-check';
import { wallClock } from './local-time';
import {
  formatMinutes,
  minutesWithin,
  monthOf,
  quotaBreach,
  quotaStandings,
  rulesFor,
  tightest,
  weekOf,
  windowsOf,
  type CountedBooking,
  type QuotaRuleFacts,
} from './quotas';

const HOUR = 3_600_000;
const zones = fc.constantFrom('Europe/Paris', 'America/Cayenne', 'Indian/Reunion', 'Pacific/Noumea');
// 2025–2028, where Paris changes its clocks eight times.
const instant = fc.integer({
  min: Date.parse('2025-01-01T00:00:00Z'),
  max: Date.parse('2028-12-31T00:00:00Z'),
});
const quarter = (t: number) => Math.floor(t / (15 * 60_000)) * 15 * 60_000;

const rule = (over: Partial<QuotaRuleFacts> = {}): QuotaRuleFacts => ({
  id: 'r',
  siteId: 's',
  organisationId: null,
  spaceKind: null,
  weekMinutes: null,
  monthMinutes: null,
  maxActive: null,
  ...over,
});
const booked = (start: string, end: string, spaceKind = 'meeting_room'): CountedBooking => ({
  start: Date.parse(start),
  end: Date.parse(end),
  spaceKind,
});

describe('weeks and months in the site’s zone', () => {
  it('a week starts on a local Monday at midnight, holds the instant and lasts 167 to 169 hours', () => {
    fc.assert(
      fc.property(instant, zones, (t, zone) => {
        const w = weekOf(t, zone);
        const c = wallClock(w.start, zone);
        const monday = new Date(Date.UTC(c.year, c.month - 1, c.day)).getUTCDay() === 1;
        expect(monday && c.hour === 0 && c.minute === 0).toBe(true);
        expect(w.start <= t && t < w.end).toBe(true);
        expect([167, 168, 169]).toContain((w.end - w.start) / HOUR);
      }),
    );
  });

  it('a month starts on the first at local midnight and holds the instant', () => {
    fc.assert(
      fc.property(instant, zones, (t, zone) => {
        const m = monthOf(t, zone);
        const c = wallClock(m.start, zone);
        expect([c.day, c.hour, c.minute]).toEqual([1, 0, 0]);
        expect(m.start <= t && t < m.end).toBe(true);
        expect(wallClock(m.end, zone).day).toBe(1);
      }),
    );
  });

  it('the weeks and months a booking touches share out all its minutes, none twice', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 1, max: 24 * 40 * 4 }),
        zones,
        fc.constantFrom('weekHours', 'monthHours'),
        (t, quarters, zone, kind) => {
          const p = { start: quarter(t), end: quarter(t) + quarters * 15 * 60_000 };
          const windows = windowsOf(p, zone, kind as 'weekHours' | 'monthHours');
          const shared = windows.reduce((sum, w) => sum + minutesWithin([p], w), 0);
          expect(shared).toBe(quarters * 15);
          windows.slice(1).forEach((w, i) => expect(w.start).toBe(windows[i].end));
        },
      ),
    );
  });

  it('counts the hours that pass across the spring clock change, split at Monday midnight', () => {
    // Saturday 22:00 to Monday 02:00 in Paris, 29 March 2026 losing an hour: 25 h, then 2 h.
    const b = booked('2026-03-28T22:00:00+01:00', '2026-03-30T02:00:00+02:00');
    const [first, second] = windowsOf(b, 'Europe/Paris', 'weekHours');
    expect(minutesWithin([b], first)).toBe(25 * 60);
    expect(minutesWithin([b], second)).toBe(2 * 60);
    expect((first.end - first.start) / HOUR).toBe(167);
  });

  it('counts the autumn night’s extra hour', () => {
    const b = booked('2026-10-25T00:00:00+02:00', '2026-10-25T06:00:00+01:00');
    expect(minutesWithin([b], weekOf(b.start, 'Europe/Paris'))).toBe(7 * 60);
  });
});

describe('which rules hold', () => {
  const general = rule({ id: 'general', weekMinutes: 600 });
  const ours = rule({ id: 'ours', organisationId: 'o1', weekMinutes: 1200 });
  const rooms = rule({ id: 'rooms', spaceKind: 'meeting_room', maxActive: 2 });
  const national = rule({ id: 'national', siteId: null, monthMinutes: 3000 });

  it('a rule naming the organisation replaces the general one of its scope and kind, not the others', () => {
    const ids = (org: string, kind: string) =>
      rulesFor([general, ours, rooms, national], org, kind).map((r) => r.id);
    expect(ids('o1', 'meeting_room')).toEqual(['ours', 'rooms', 'national']);
    expect(ids('o2', 'meeting_room')).toEqual(['general', 'rooms', 'national']);
    expect(ids('o2', 'office')).toEqual(['general', 'national']);
  });
});

describe('what is left', () => {
  const zone = 'Europe/Paris';
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('refuses the weekly hours beyond the limit and says what was left', () => {
    const existing = [booked('2026-01-12T09:00:00+01:00', '2026-01-12T16:30:00+01:00')];
    const adding = [booked('2026-01-15T09:00:00+01:00', '2026-01-15T12:00:00+01:00')];
    const breach = quotaBreach({
      rules: [rule({ weekMinutes: 600 })],
      timeZone: zone,
      existing,
      adding,
      now,
    });
    expect(breach).toMatchObject({ kind: 'weekHours', limit: 600, used: 450, remaining: 150 });
    expect(formatMinutes(breach!.remaining)).toBe('2 h 30');
    const fits = [booked('2026-01-15T09:00:00+01:00', '2026-01-15T11:30:00+01:00')];
    expect(
      quotaBreach({ rules: [rule({ weekMinutes: 600 })], timeZone: zone, existing, adding: fits, now }),
    ).toBeNull();
  });

  it('a rule for one kind of space counts only that kind', () => {
    const existing = [booked('2026-01-12T09:00:00+01:00', '2026-01-12T19:00:00+01:00', 'office')];
    const adding = [booked('2026-01-13T09:00:00+01:00', '2026-01-13T11:00:00+01:00')];
    const rules = [rule({ weekMinutes: 600, spaceKind: 'meeting_room' })];
    expect(quotaBreach({ rules, timeZone: zone, existing, adding, now })).toBeNull();
    expect(
      quotaBreach({ rules, timeZone: zone, existing, adding: [{ ...adding[0], spaceKind: 'office' }], now }),
    ).toBeNull();
  });

  it('counts bookings at once that have not ended', () => {
    const existing = [
      booked('2025-12-01T09:00:00+01:00', '2025-12-01T10:00:00+01:00'),
      booked('2026-01-05T09:00:00+01:00', '2026-01-05T10:00:00+01:00'),
    ];
    const adding = [booked('2026-01-06T09:00:00+01:00', '2026-01-06T10:00:00+01:00')];
    const at = (maxActive: number) =>
      quotaBreach({ rules: [rule({ maxActive })], timeZone: zone, existing, adding, now });
    expect(at(2)).toBeNull();
    expect(at(1)).toMatchObject({ kind: 'activeBookings', used: 1, remaining: 0 });
  });

  it('a series counts all its dates together, week by week', () => {
    const adding = [5, 12, 13, 19].map((d) =>
      booked(
        `2026-01-${String(d).padStart(2, '0')}T09:00:00+01:00`,
        `2026-01-${String(d).padStart(2, '0')}T13:00:00+01:00`,
      ),
    );
    const breach = quotaBreach({
      rules: [rule({ weekMinutes: 6 * 60 })],
      timeZone: zone,
      existing: [],
      adding,
      now,
    });
    expect(breach).toMatchObject({ kind: 'weekHours', used: 0, remaining: 360 });
    expect(breach!.window!.start).toBe(Date.parse('2026-01-12T00:00:00+01:00'));
  });

  it('refuses exactly what takes a window past its limit, and fits whatever stays within every one', () => {
    const hours = fc.record({
      day: fc.integer({ min: 0, max: 90 }),
      hour: fc.integer({ min: 0, max: 22 }),
      length: fc.integer({ min: 1, max: 8 }),
    });
    const toBooking = (h: { day: number; hour: number; length: number }) => {
      const start = Date.parse('2026-02-01T00:00:00Z') + (h.day * 24 + h.hour) * HOUR;
      return { start, end: start + h.length * HOUR, spaceKind: 'meeting_room' };
    };
    fc.assert(
      fc.property(
        fc.array(hours, { maxLength: 12 }),
        fc.array(hours, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 120 }),
        zones,
        (before, after, weekly, monthly, tz) => {
          const existing = before.map(toBooking);
          const adding = after.map(toBooking);
          const r = rule({ weekMinutes: weekly * 60, monthMinutes: monthly * 60 });
          const breach = quotaBreach({ rules: [r], timeZone: tz, existing, adding, now });
          const all = [...existing, ...adding];
          const over = (['weekHours', 'monthHours'] as const).some((kind) =>
            adding.some((b) =>
              windowsOf(b, tz, kind).some(
                (w) => minutesWithin(all, w) > (kind === 'weekHours' ? weekly : monthly) * 60,
              ),
            ),
          );
          expect(breach !== null).toBe(over);
          if (breach) expect(breach.remaining).toBe(Math.max(0, breach.limit - breach.used));
        },
      ),
    );
  });

  it('the dialog’s figures: the tightest of national and site rules, in the week and month of the date', () => {
    const existing = [booked('2026-01-12T09:00:00+01:00', '2026-01-12T13:00:00+01:00')];
    const standings = quotaStandings({
      rules: [
        rule({ weekMinutes: 600, maxActive: 3 }),
        rule({ id: 'n', siteId: null, weekMinutes: 300, monthMinutes: 1200 }),
      ],
      timeZone: zone,
      existing,
      spaceKind: 'meeting_room',
      at: Date.parse('2026-01-14T10:00:00+01:00'),
      now,
    });
    const t = tightest(standings);
    expect(t.weekHours).toMatchObject({ remaining: 60, limit: 300 });
    expect(t.monthHours).toMatchObject({ remaining: 960 });
    expect(t.activeBookings).toMatchObject({ remaining: 2 });
  });
});
