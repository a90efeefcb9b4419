import fc from 'fast-check';
import { easterSunday, holidayPeriods, holidays, holidaysBetween } from './holidays';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
const dates = (year: number, code: string) => holidays(year, code).map((h) => h.date);
const pad = (n: number) => String(n).padStart(2, '0');

// From the official calendar, not from the algorithm under test.
const EASTER: Record<number, string> = {
  2024: '2024-03-31',
  2025: '2025-04-20',
  2026: '2026-04-05',
  2027: '2027-03-28',
  2028: '2028-04-16',
  2029: '2029-04-01',
  2030: '2030-04-21',
};

// Metropolitan list per year, written out: Easter Monday, Ascension (+39) and Whit Monday (+50) from the
// Easter dates above.
const METROPOLITAN: Record<number, string[]> = {
  2024: ['01-01', '04-01', '05-01', '05-08', '05-09', '05-20', '07-14', '08-15', '11-01', '11-11', '12-25'],
  2025: ['01-01', '04-21', '05-01', '05-08', '05-29', '06-09', '07-14', '08-15', '11-01', '11-11', '12-25'],
  2026: ['01-01', '04-06', '05-01', '05-08', '05-14', '05-25', '07-14', '08-15', '11-01', '11-11', '12-25'],
  2027: ['01-01', '03-29', '05-01', '05-06', '05-08', '05-17', '07-14', '08-15', '11-01', '11-11', '12-25'],
  2028: ['01-01', '04-17', '05-01', '05-08', '05-25', '06-05', '07-14', '08-15', '11-01', '11-11', '12-25'],
  2029: ['01-01', '04-02', '05-01', '05-08', '05-10', '05-21', '07-14', '08-15', '11-01', '11-11', '12-25'],
  2030: ['01-01', '04-22', '05-01', '05-08', '05-30', '06-10', '07-14', '08-15', '11-01', '11-11', '12-25'],
};
const GOOD_FRIDAY: Record<number, string> = {
  2024: '03-29',
  2025: '04-18',
  2026: '04-03',
  2027: '03-26',
  2028: '04-14',
  2029: '03-30',
  2030: '04-19',
};
const SLAVERY_DAY: Record<string, string> = {
  '971': '05-27', // Guadeloupe
  '972': '05-22', // Martinique
  '973': '06-10', // Guyane
  '974': '12-20', // La Réunion
  '976': '04-27', // Mayotte
  '977': '10-09', // Saint-Barthélemy
  '978': '05-28', // Saint-Martin
};
const YEARS = Object.keys(EASTER).map(Number);
const full = (year: number, monthDays: string[]) => monthDays.map((md) => `${year}-${md}`).sort();

describe('easterSunday', () => {
  it.each(
    Object.entries({
      ...EASTER,
      2000: '2000-04-23',
      2019: '2019-04-21',
      1818: '1818-03-22',
      2038: '2038-04-25',
    }),
  )('is right in %s', (year, date) => {
    const e = easterSunday(Number(year));
    expect(`${e.year}-${pad(e.month)}-${pad(e.day)}`).toBe(date);
  });

  it('refuses a year it cannot compute', () => {
    expect(() => easterSunday(1500)).toThrow(RangeError);
    expect(() => easterSunday(2026.5)).toThrow(RangeError);
  });
});

describe('holidays', () => {
  it.each(YEARS)('gives the 11 metropolitan days in Paris in %i', (year) => {
    expect(dates(year, '75')).toEqual(full(year, METROPOLITAN[year]));
  });

  it.each(YEARS)('adds Good Friday and 26 December in Alsace-Moselle in %i', (year) => {
    const expected = full(year, [...METROPOLITAN[year], GOOD_FRIDAY[year], '12-26']);
    for (const code of ['57', '67', '68']) expect(dates(year, code)).toEqual(expected);
  });

  it.each(YEARS)('adds each overseas abolition-of-slavery day in %i', (year) => {
    for (const [code, day] of Object.entries(SLAVERY_DAY)) {
      const list = holidays(year, code);
      expect(list.map((h) => h.date)).toEqual(full(year, [...new Set([...METROPOLITAN[year], day])]));
      // On a national holiday (Guyane 2030: Whit Monday) the national name stays; see below.
      if (!METROPOLITAN[year].includes(day)) {
        expect(list.find((h) => h.date === `${year}-${day}`)?.key).toBe('slavery_abolition');
      }
    }
  });

  it('keeps one entry when the slavery day falls on a national one (Guyane, Whit Monday 10 June 2030)', () => {
    const list = holidays(2030, '973');
    expect(list).toHaveLength(11);
    expect(list.filter((h) => h.date === '2030-06-10')).toEqual([
      { date: '2030-06-10', name: 'Lundi de Pentecôte', key: 'whit_monday' },
    ]);
    expect(holidays(2026, '973')).toHaveLength(12);
  });

  it('keeps one entry when Ascension falls on 1 May (2008)', () => {
    expect(holidays(2008, '75').filter((h) => h.date === '2008-05-01')).toEqual([
      { date: '2008-05-01', name: 'Fête du Travail', key: 'labour_day' },
    ]);
  });

  it('names the days in French with stable keys', () => {
    expect(holidays(2026, '67')).toEqual([
      { date: '2026-01-01', name: 'Jour de l’An', key: 'new_year' },
      { date: '2026-04-03', name: 'Vendredi saint', key: 'good_friday' },
      { date: '2026-04-06', name: 'Lundi de Pâques', key: 'easter_monday' },
      { date: '2026-05-01', name: 'Fête du Travail', key: 'labour_day' },
      { date: '2026-05-08', name: 'Victoire 1945', key: 'victory_1945' },
      { date: '2026-05-14', name: 'Ascension', key: 'ascension' },
      { date: '2026-05-25', name: 'Lundi de Pentecôte', key: 'whit_monday' },
      { date: '2026-07-14', name: 'Fête nationale', key: 'national_day' },
      { date: '2026-08-15', name: 'Assomption', key: 'assumption' },
      { date: '2026-11-01', name: 'Toussaint', key: 'all_saints' },
      { date: '2026-11-11', name: 'Armistice 1918', key: 'armistice_1918' },
      { date: '2026-12-25', name: 'Noël', key: 'christmas' },
      { date: '2026-12-26', name: 'Saint-Étienne', key: 'st_stephen' },
    ]);
    expect(holidays(2026, '974').find((h) => h.date === '2026-12-20')).toEqual({
      date: '2026-12-20',
      name: 'Abolition de l’esclavage',
      key: 'slavery_abolition',
    });
  });

  it('treats Corsica and Saint-Pierre-et-Miquelon as the national list', () => {
    for (const code of ['2A', '2B', '975', '01', '95'])
      expect(holidays(2026, code)).toEqual(holidays(2026, '75'));
  });

  it('refuses a code it has no calendar for', () => {
    for (const code of ['20', '96', '00', '75000', '2a', '987', '']) {
      expect(() => holidays(2026, code)).toThrow(RangeError);
    }
  });
});

describe('holidaysBetween', () => {
  it('includes both ends and crosses the new year', () => {
    expect(holidaysBetween('2026-12-20', '2027-01-01', '67').map((h) => h.date)).toEqual([
      '2026-12-25',
      '2026-12-26',
      '2027-01-01',
    ]);
    expect(holidaysBetween('2026-12-20', '2027-01-01', '974').map((h) => h.key)).toEqual([
      'slavery_abolition',
      'christmas',
      'new_year',
    ]);
  });

  it('is empty for a reversed range and refuses dates that do not exist', () => {
    expect(holidaysBetween('2026-05-02', '2026-05-01', '75')).toEqual([]);
    expect(() => holidaysBetween('2026-02-30', '2026-03-01', '75')).toThrow(RangeError);
    expect(() => holidaysBetween('2026-1-1', '2026-03-01', '75')).toThrow(RangeError);
  });
});

describe('holidayPeriods', () => {
  const year2026 = { start: at('2026-01-01T00:00:00+01:00'), end: at('2027-01-01T00:00:00+01:00') };
  const spans = (code: string, zone: string, window: { start: number; end: number }, opensOn?: Set<string>) =>
    holidayPeriods(code, zone, window, opensOn).map((p) => [iso(p.start), iso(p.end)]);

  it('lays each holiday on its whole local day in Paris', () => {
    const periods = spans('75', 'Europe/Paris', year2026);
    expect(periods).toHaveLength(11);
    expect(periods).toContainEqual(['2026-04-30T22:00:00.000Z', '2026-05-01T22:00:00.000Z']);
    expect(periods[0]).toEqual(['2025-12-31T23:00:00.000Z', '2026-01-01T23:00:00.000Z']);
  });

  it('uses the new offset on the day after the spring change (Easter Monday 2027)', () => {
    const week = { start: at('2027-03-27T00:00:00+01:00'), end: at('2027-04-03T00:00:00+02:00') };
    expect(spans('75', 'Europe/Paris', week)).toEqual([
      ['2027-03-28T22:00:00.000Z', '2027-03-29T22:00:00.000Z'],
    ]);
  });

  it('gives a 25-hour day when the clocks go back on a holiday (Toussaint 2026, Saint-Pierre-et-Miquelon)', () => {
    const november = { start: at('2026-11-01T00:00:00-02:00'), end: at('2026-11-03T00:00:00-03:00') };
    expect(spans('975', 'America/Miquelon', november)).toEqual([
      ['2026-11-01T02:00:00.000Z', '2026-11-02T03:00:00.000Z'],
    ]);
  });

  it('reasons in the site’s zone (Réunion is UTC+4)', () => {
    const reunion2026 = { start: at('2026-01-01T00:00:00+04:00'), end: at('2027-01-01T00:00:00+04:00') };
    const periods = spans('974', 'Indian/Reunion', reunion2026);
    expect(periods).toHaveLength(12);
    expect(periods).toContainEqual(['2026-12-19T20:00:00.000Z', '2026-12-20T20:00:00.000Z']);
  });

  it('skips a holiday the site opens on', () => {
    const periods = spans('75', 'Europe/Paris', year2026, new Set(['2026-05-08']));
    expect(periods).toHaveLength(10);
    expect(periods).not.toContainEqual(['2026-05-07T22:00:00.000Z', '2026-05-08T22:00:00.000Z']);
  });

  it('clips to a window that starts and ends mid-day', () => {
    const window = { start: at('2026-05-01T10:00:00+02:00'), end: at('2026-05-08T12:00:00+02:00') };
    expect(spans('75', 'Europe/Paris', window)).toEqual([
      ['2026-05-01T08:00:00.000Z', '2026-05-01T22:00:00.000Z'],
      ['2026-05-07T22:00:00.000Z', '2026-05-08T10:00:00.000Z'],
    ]);
  });

  it('treats the window as half-open: a window ending at the holiday’s midnight does not meet it', () => {
    const window = { start: at('2026-04-30T00:00:00+02:00'), end: at('2026-05-01T00:00:00+02:00') };
    expect(spans('75', 'Europe/Paris', window)).toEqual([]);
    expect(spans('75', 'Europe/Paris', { start: window.end, end: window.end })).toEqual([]);
  });

  it('refuses an unknown zone', () => {
    expect(() => holidayPeriods('75', 'Mars/Olympus', year2026)).toThrow(RangeError);
  });
});

describe('holiday properties', () => {
  const year = fc.integer({ min: 1900, max: 2200 });
  const CODES = [
    '01',
    '2A',
    '2B',
    '57',
    '67',
    '68',
    '75',
    '95',
    '971',
    '972',
    '973',
    '974',
    '975',
    '976',
    '977',
    '978',
  ];

  it('Easter Sunday is a Sunday between 22 March and 25 April', () => {
    fc.assert(
      fc.property(year, (y) => {
        const e = easterSunday(y);
        const date = `${y}-${pad(e.month)}-${pad(e.day)}`;
        expect(weekday(date)).toBe(0);
        expect(date >= `${y}-03-22` && date <= `${y}-04-25`).toBe(true);
      }),
    );
  });

  it('Easter and Whit Mondays are Mondays, Ascension a Thursday', () => {
    fc.assert(
      fc.property(year, (y) => {
        const list = holidays(y, '75');
        const day = (key: string) => list.find((h) => h.key === key)?.date;
        expect(weekday(day('easter_monday')!)).toBe(1);
        expect(weekday(day('whit_monday')!)).toBe(1);
        // Ascension is missing only when it is 1 or 8 May, which then names the day.
        const ascension = day('ascension');
        if (ascension) expect(weekday(ascension)).toBe(4);
        else expect(list.some((h) => /-05-0[18]$/.test(h.date) && weekday(h.date) === 4)).toBe(true);
      }),
    );
  });

  it('every holiday lies in its year, sorted, one per date', () => {
    fc.assert(
      fc.property(year, fc.constantFrom(...CODES), (y, code) => {
        const list = dates(y, code);
        for (const d of list) expect(d.slice(0, 4)).toBe(String(y));
        for (let i = 1; i < list.length; i++) expect(list[i - 1] < list[i]).toBe(true);
      }),
    );
  });

  it('Alsace-Moselle keeps every metropolitan holiday, plus two', () => {
    fc.assert(
      fc.property(year, (y) => {
        const moselle = holidays(y, '57');
        expect(moselle).toEqual(expect.arrayContaining(holidays(y, '75')));
        expect(moselle).toHaveLength(holidays(y, '75').length + 2);
      }),
    );
  });
});
