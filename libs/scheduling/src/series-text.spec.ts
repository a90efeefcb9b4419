import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { buildRule, normaliseRule, type SeriesSpec } from './series';
import { describeSeries } from './series-text';

const PARIS = 'Europe/Paris';
const local = (iso: string, zone = PARIS) =>
  Temporal.PlainDateTime.from(iso).toZonedDateTime(zone).epochMilliseconds;

// 2027-03-02 is a Tuesday; summer time starts on Sunday 28 March 2027.
const spec = (
  rrule: string,
  start = '2027-03-02T09:00',
  end = '2027-03-02T11:00',
  timeZone = PARIS,
): SeriesSpec => ({
  firstStart: local(start, timeZone),
  firstEnd: local(end, timeZone),
  rrule,
  timeZone,
});

describe('describeSeries', () => {
  it.each([
    [
      'FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630T215959Z',
      'tous les mardis de 9 h à 11 h, jusqu’au 30 juin',
      'every Tuesday from 9:00 to 11:00, until 30 June',
    ],
    [
      'FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10',
      'tous les mardis et jeudis de 9 h à 11 h, 10 fois',
      'every Tuesday and Thursday from 9:00 to 11:00, 10 times',
    ],
    [
      'FREQ=WEEKLY;BYDAY=TH,TU,SA;COUNT=10',
      'tous les mardis, jeudis et samedis de 9 h à 11 h, 10 fois',
      'every Tuesday, Thursday and Saturday from 9:00 to 11:00, 10 times',
    ],
    [
      'FREQ=WEEKLY;INTERVAL=2;COUNT=3',
      'un mardi sur deux de 9 h à 11 h, 3 fois',
      'every other Tuesday from 9:00 to 11:00, 3 times',
    ],
    [
      'FREQ=WEEKLY;INTERVAL=3;BYDAY=TU;COUNT=3',
      'un mardi sur trois de 9 h à 11 h, 3 fois',
      'every 3 weeks on Tuesday from 9:00 to 11:00, 3 times',
    ],
    [
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH',
      'une semaine sur deux, le mardi et jeudi de 9 h à 11 h',
      'every other week on Tuesday and Thursday from 9:00 to 11:00',
    ],
    [
      'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;COUNT=20',
      'du lundi au vendredi de 9 h à 11 h, 20 fois',
      'Monday to Friday from 9:00 to 11:00, 20 times',
    ],
    [
      'FREQ=MONTHLY;BYMONTHDAY=2;UNTIL=20280101T000000Z',
      'le 2 de chaque mois de 9 h à 11 h, jusqu’au 1er janvier 2028',
      'on the 2nd of every month from 9:00 to 11:00, until 1 January 2028',
    ],
    [
      'FREQ=MONTHLY;INTERVAL=3',
      'le 2, un mois sur trois de 9 h à 11 h',
      'on the 2nd of every 3 months from 9:00 to 11:00',
    ],
    [
      'FREQ=MONTHLY;BYDAY=1TU;COUNT=6',
      'le premier mardi de chaque mois de 9 h à 11 h, 6 fois',
      'on the first Tuesday of every month from 9:00 to 11:00, 6 times',
    ],
    [
      'FREQ=MONTHLY;BYDAY=1TU,3TU;COUNT=6',
      'le premier et le troisième mardi de chaque mois de 9 h à 11 h, 6 fois',
      'on the first and the third Tuesday of every month from 9:00 to 11:00, 6 times',
    ],
    [
      'FREQ=MONTHLY;BYDAY=-1TU;COUNT=6',
      'le dernier mardi de chaque mois de 9 h à 11 h, 6 fois',
      'on the last Tuesday of every month from 9:00 to 11:00, 6 times',
    ],
    [
      'FREQ=MONTHLY;BYDAY=TU;BYSETPOS=-1;COUNT=3',
      'le dernier mardi de chaque mois de 9 h à 11 h, 3 fois',
      'on the last Tuesday of every month from 9:00 to 11:00, 3 times',
    ],
    [
      'FREQ=DAILY;COUNT=1',
      'tous les jours de 9 h à 11 h, une seule fois',
      'every day from 9:00 to 11:00, once',
    ],
    [
      'FREQ=DAILY;INTERVAL=2;COUNT=4',
      'un jour sur deux de 9 h à 11 h, 4 fois',
      'every other day from 9:00 to 11:00, 4 times',
    ],
    [
      'FREQ=YEARLY;COUNT=3',
      'chaque année, le 2 mars de 9 h à 11 h, 3 fois',
      'every year on 2 March from 9:00 to 11:00, 3 times',
    ],
  ])('%s', (rrule, fr, en) => {
    expect(describeSeries(spec(rrule), 'fr')).toBe(fr);
    expect(describeSeries(spec(rrule), 'en')).toBe(en);
  });

  it('reads the issue’s example: every Thursday from 9 h to 10 h 30, ten times', () => {
    const first = local('2027-06-03T09:00');
    const rrule = buildRule({ kind: 'weekly', weekdays: [] }, { count: 10 }, first, PARIS);
    const s = { firstStart: first, firstEnd: local('2027-06-03T10:30'), rrule, timeZone: PARIS };
    expect(describeSeries(s, 'fr')).toBe('tous les jeudis de 9 h à 10 h 30, 10 fois');
    expect(describeSeries(s, 'en')).toBe('every Thursday from 9:00 to 10:30, 10 times');
  });

  it('ends on the site’s local date, whatever UTC says', () => {
    const first = local('2027-03-04T09:00');
    const rrule = buildRule({ kind: 'weekly', weekdays: [] }, { until: '2027-06-18' }, first, PARIS);
    // UNTIL is 2027-06-18T21:59:59Z: still the 18th in Paris, already the 19th in Nouméa's terms.
    expect(describeSeries({ firstStart: first, firstEnd: first + 3_600_000, rrule, timeZone: PARIS })).toBe(
      'tous les jeudis de 9 h à 10 h, jusqu’au 18 juin',
    );
  });

  it('says midnight rather than 0 h', () => {
    expect(describeSeries(spec('FREQ=WEEKLY;COUNT=2', '2027-03-02T20:00', '2027-03-03T00:00'))).toBe(
      'tous les mardis de 20 h à minuit, 2 fois',
    );
  });

  it('keeps the wall-clock hours of the first occurrence, across a daylight-saving change', () => {
    // The first Tuesday is before the March change, the rule runs past it and past October's.
    const s = spec('FREQ=WEEKLY;UNTIL=20271231T225959Z', '2027-03-23T09:00', '2027-03-23T10:30');
    expect(describeSeries(s, 'fr')).toBe('tous les mardis de 9 h à 10 h 30, jusqu’au 31 décembre');
  });

  it('says the same hours for any start, in any zone, on any day of the year (DST included)', () => {
    const zones = ['Europe/Paris', 'America/Cayenne', 'Indian/Reunion', 'Pacific/Noumea', 'America/New_York'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom(0, 15, 30, 45),
        fc.integer({ min: 1, max: 16 }).map((q) => q * 15),
        (zone, date, h, m, minutes) => {
          const day = Temporal.PlainDate.from(date.toISOString().slice(0, 10));
          const start = day.toZonedDateTime({ timeZone: zone, plainTime: { hour: h, minute: m } });
          const end = start.add({ minutes });
          const s = {
            firstStart: start.epochMilliseconds,
            firstEnd: end.epochMilliseconds,
            rrule: 'FREQ=WEEKLY;COUNT=2',
            timeZone: zone,
          };
          const say = (t: Temporal.ZonedDateTime) =>
            t.hour === 0 && t.minute === 0
              ? 'minuit'
              : t.minute === 0
                ? `${t.hour} h`
                : `${t.hour} h ${String(t.minute).padStart(2, '0')}`;
          expect(describeSeries(s, 'fr')).toContain(`de ${say(start)} à ${say(end)}, 2 fois`);
        },
      ),
    );
  });

  it('phrases every rule the API accepts, in both languages, without falling back to codes', () => {
    const days = fc.constantFrom('MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU');
    const ordinal = fc.constantFrom('', '1', '2', '3', '4', '-1', '-2');
    const part = fc.record(
      {
        FREQ: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'),
        INTERVAL: fc.integer({ min: 1, max: 30 }).map(String),
        BYDAY: fc
          .uniqueArray(fc.tuple(ordinal, days), { minLength: 1, maxLength: 4, selector: ([, d]) => d })
          .map((xs) => xs.map(([n, d]) => `${n}${d}`).join(',')),
        BYMONTHDAY: fc
          .uniqueArray(
            fc.integer({ min: -31, max: 31 }).filter((n) => n !== 0),
            { minLength: 1, maxLength: 3 },
          )
          .map(String),
        BYMONTH: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 3 }).map(String),
        BYSETPOS: fc.constantFrom('1', '-1', '1,-1', '2'),
        END: fc.oneof(
          fc.integer({ min: 1, max: 200 }).map((n) => `COUNT=${n}`),
          fc.constantFrom('UNTIL=20280101T000000Z', 'UNTIL=20271231', 'UNTIL=20270615T120000'),
        ),
      },
      { requiredKeys: ['FREQ'] },
    );
    fc.assert(
      fc.property(part, ({ END, ...parts }) => {
        const rrule = [...Object.entries(parts).map(([k, v]) => `${k}=${v}`), ...(END ? [END] : [])].join(
          ';',
        );
        expect(() => normaliseRule(rrule)).not.toThrow();
        for (const lang of ['fr', 'en'] as const) {
          const text = describeSeries(spec(rrule), lang);
          expect(text).not.toMatch(/undefined|NaN|null|[A-Z]{2,}|\s{2}|^\s|\s$|,,|\s,/);
          expect(text).toContain(lang === 'fr' ? 'de 9 h à 11 h' : 'from 9:00 to 11:00');
        }
      }),
    );
  });

  it('refuses what is not a rule, as the expansion does', () => {
    expect(() => describeSeries(spec('FREQ=HOURLY'))).toThrow();
    expect(() => describeSeries(spec('FREQ=WEEKLY', '2027-03-02T11:00', '2027-03-02T09:00'))).toThrow();
  });
});
