import { dayRangePeriod, localDates, siteOpenPeriods } from './site-calendar';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '09:00', closes: '17:00' }));

describe('site calendar', () => {
  it('closes whole local days, 23 hours long on the spring change', () => {
    const p = dayRangePeriod({ startsOn: '2026-03-29', endsOn: '2026-03-29' }, 'Europe/Paris');
    expect([iso(p.start), iso(p.end)]).toEqual(['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
  });

  it('starts a local day at its first instant where the clocks change at midnight', () => {
    // Havana: 00:00 does not exist on 8 March 2026 (the day starts at 01:00), and 00:00–01:00 happens
    // twice on 1 November (the day starts at the first one and lasts 25 hours).
    const spring = dayRangePeriod({ startsOn: '2026-03-08', endsOn: '2026-03-08' }, 'America/Havana');
    expect([iso(spring.start), iso(spring.end)]).toEqual([
      '2026-03-08T05:00:00.000Z',
      '2026-03-09T04:00:00.000Z',
    ]);
    const autumn = dayRangePeriod({ startsOn: '2026-11-01', endsOn: '2026-11-01' }, 'America/Havana');
    expect([iso(autumn.start), iso(autumn.end)]).toEqual([
      '2026-11-01T04:00:00.000Z',
      '2026-11-02T05:00:00.000Z',
    ]);
  });

  it('removes closures and holidays from the opening hours', () => {
    const week = { start: at('2026-05-04T00:00:00+02:00'), end: at('2026-05-09T00:00:00+02:00') };
    const holiday = dayRangePeriod({ startsOn: '2026-05-08', endsOn: '2026-05-08' }, 'Europe/Paris');
    const open = siteOpenPeriods(
      {
        timeZone: 'Europe/Paris',
        openingHours: weekdays,
        closures: [{ startsOn: '2026-05-05', endsOn: '2026-05-06' }],
        holidays: [holiday],
      },
      week,
    );
    expect(open.map((p) => iso(p.start).slice(0, 10))).toEqual(['2026-05-04', '2026-05-07']);
  });

  it('names the local dates a window touches', () => {
    expect(
      localDates({ start: at('2026-05-04T22:30:00Z'), end: at('2026-05-05T22:00:00Z') }, 'Europe/Paris'),
    ).toEqual({
      from: '2026-05-05',
      to: '2026-05-05',
    });
  });
});
