import fc from 'fast-check';
import { holidays } from '@lieux/scheduling';
import { Temporal } from 'temporal-polyfill';
import { closedHolidays, holidayEverywhere } from './spaces.repository';

const ZONES = [
  'Europe/Paris',
  'America/Guadeloupe',
  'America/Martinique',
  'America/Cayenne',
  'Indian/Reunion',
  'Indian/Mayotte',
];
const DEPARTEMENTS = ['01', '13', '2A', '57', '67', '68', '75', '971', '972', '973', '974', '976'];

const everywhere = (iso: string, departements = DEPARTEMENTS, zones = ZONES) => {
  const t = Date.parse(iso);
  return holidayEverywhere(t, closedHolidays(t, departements), departements, zones);
};

describe('holidayEverywhere', () => {
  it('holds on a national holiday at an hour when every zone has reached it and none has left it', () => {
    expect(everywhere('2027-01-01T10:00:00Z')).toBe(true);
    expect(everywhere('2026-12-25T14:00:00Z')).toBe(true);
    expect(everywhere('2027-03-29T09:00:00Z')).toBe(true); // Easter Monday
  });

  it('fails when one zone is still on the day before or already on the day after', () => {
    expect(everywhere('2027-01-01T02:00:00Z')).toBe(false); // 31 December in the Antilles
    expect(everywhere('2027-01-01T21:30:00Z')).toBe(false); // 2 January in Réunion and Mayotte
  });

  it('fails on an ordinary day, and on a holiday of some départements only', () => {
    expect(everywhere('2027-02-10T10:00:00Z')).toBe(false);
    // St Stephen's Day: Alsace and Moselle only.
    expect(everywhere('2026-12-26T10:00:00Z')).toBe(false);
    expect(everywhere('2026-12-26T10:00:00Z', ['57', '67', '68'], ['Europe/Paris'])).toBe(true);
  });

  it('holds exactly when the start is a holiday of every département, seen from every zone', () => {
    const start = Date.parse('2026-01-01T00:00:00Z');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 * 365 * 24 * 4 }),
        fc.subarray(DEPARTEMENTS, { minLength: 1 }),
        fc.subarray(ZONES, { minLength: 1 }),
        (quarter, departements, zones) => {
          const t = start + quarter * 15 * 60_000;
          const local = (zone: string) =>
            Temporal.Instant.fromEpochMilliseconds(t).toZonedDateTimeISO(zone).toPlainDate();
          const expected = departements.every((d) =>
            zones.every((z) => {
              const date = local(z);
              return holidays(date.year, d).some((h) => h.date === date.toString());
            }),
          );
          expect(holidayEverywhere(t, closedHolidays(t, departements), departements, zones)).toBe(expected);
        },
      ),
      // Holidays are a few days a year: many runs, so that some land on them.
      { numRuns: 3000 },
    );
  });
});
