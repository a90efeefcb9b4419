import { openPeriods, parseWallTime, type WeeklyWindow } from './opening-hours';

const PARIS = 'Europe/Paris';
const weekdays: WeeklyWindow[] = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, opens: '09:00', closes: '12:30' },
  { weekday, opens: '13:30', closes: '18:00' },
]);
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('openPeriods', () => {
  it('lays the weekly windows on local days', () => {
    const open = openPeriods(weekdays, PARIS, {
      start: at('2026-03-02T00:00:00+01:00'),
      end: at('2026-03-03T00:00:00+01:00'),
    });
    expect(open.map((p) => [iso(p.start), iso(p.end)])).toEqual([
      ['2026-03-02T08:00:00.000Z', '2026-03-02T11:30:00.000Z'],
      ['2026-03-02T12:30:00.000Z', '2026-03-02T17:00:00.000Z'],
    ]);
  });

  it('keeps 09:00 local across the spring change (last Sunday of March)', () => {
    // Friday 27 March 2026 is UTC+1; Monday 30 March is UTC+2.
    const open = openPeriods(weekdays, PARIS, {
      start: at('2026-03-27T00:00:00+01:00'),
      end: at('2026-03-31T00:00:00+02:00'),
    });
    expect(iso(open[0].start)).toBe('2026-03-27T08:00:00.000Z');
    expect(iso(open[2].start)).toBe('2026-03-30T07:00:00.000Z');
    expect(open).toHaveLength(4);
  });

  it('keeps 09:00 local across the autumn change (last Sunday of October)', () => {
    const open = openPeriods(weekdays, PARIS, {
      start: at('2026-10-23T00:00:00+02:00'),
      end: at('2026-10-27T00:00:00+01:00'),
    });
    expect(iso(open[0].start)).toBe('2026-10-23T07:00:00.000Z');
    expect(iso(open[2].start)).toBe('2026-10-26T08:00:00.000Z');
  });

  it('reasons in the site’s zone, not the machine’s (Réunion is UTC+4)', () => {
    const open = openPeriods([{ weekday: 2, opens: '08:00', closes: '12:00' }], 'Indian/Reunion', {
      start: at('2026-03-03T00:00:00+04:00'),
      end: at('2026-03-04T00:00:00+04:00'),
    });
    expect(open.map((p) => [iso(p.start), iso(p.end)])).toEqual([
      ['2026-03-03T04:00:00.000Z', '2026-03-03T08:00:00.000Z'],
    ]);
  });

  it('clips to the window asked for', () => {
    const open = openPeriods(weekdays, PARIS, {
      start: at('2026-03-02T10:00:00+01:00'),
      end: at('2026-03-02T14:00:00+01:00'),
    });
    expect(open.map((p) => [iso(p.start), iso(p.end)])).toEqual([
      ['2026-03-02T09:00:00.000Z', '2026-03-02T11:30:00.000Z'],
      ['2026-03-02T12:30:00.000Z', '2026-03-02T13:00:00.000Z'],
    ]);
  });

  it('refuses a malformed wall time or zone', () => {
    expect(() => parseWallTime('24:00')).toThrow(RangeError);
    expect(() => openPeriods(weekdays, 'Mars/Olympus', { start: 0, end: 1 })).toThrow(RangeError);
  });
});
