import type { NationalFigures, NationalStatsRepository } from './national-stats.repository';
import { NATIONAL_STATS_TTL_MS, NationalStatsService } from './national-stats.service';

const FIGURES: NationalFigures = {
  sitesOpen: 2,
  spaces: 3,
  areaSqm: 75.456,
  organisationsHosted: 2,
  hoursBooked: 7.0833333,
};

function service(figures: (from: Date, to: Date) => Promise<NationalFigures>) {
  const repository = { figures: jest.fn(figures) };
  return { repository, stats: new NationalStatsService(repository as unknown as NationalStatsRepository) };
}

describe('NationalStatsService', () => {
  it('counts the calendar year of Paris, which starts an hour before UTC’s', async () => {
    const { repository, stats } = service(async () => FIGURES);
    // 23:30 UTC on 31 December is already New Year's Day in Paris.
    const got = await stats.get(Date.parse('2026-12-31T23:30:00Z'));
    expect(got).toEqual({ ...FIGURES, year: 2027, areaSqm: 75.46, hoursBooked: 7.08 });
    expect(repository.figures).toHaveBeenCalledWith(
      new Date('2026-12-31T23:00:00Z'),
      new Date('2027-12-31T23:00:00Z'),
    );
  });

  it('counts again once a minute at most, the previous figures answering meanwhile', async () => {
    let hours = 7;
    const { repository, stats } = service(async () => ({ ...FIGURES, hoursBooked: hours }));
    const t0 = Date.parse('2026-06-01T10:00:00Z');
    expect((await stats.get(t0)).hoursBooked).toBe(7);
    hours = 8;
    expect((await stats.get(t0 + NATIONAL_STATS_TTL_MS - 1)).hoursBooked).toBe(7);
    expect(repository.figures).toHaveBeenCalledTimes(1);
    // A minute on: the old figures at once, the new ones counted behind them, once for parallel visitors.
    const [a, b] = await Promise.all([
      stats.get(t0 + NATIONAL_STATS_TTL_MS),
      stats.get(t0 + NATIONAL_STATS_TTL_MS),
    ]);
    expect([a.hoursBooked, b.hoursBooked]).toEqual([7, 7]);
    expect(repository.figures).toHaveBeenCalledTimes(2);
    await new Promise((r) => setImmediate(r));
    expect((await stats.get(t0 + NATIONAL_STATS_TTL_MS + 1)).hoursBooked).toBe(8);
  });

  it('keeps the previous figures when counting again fails, and tries again at the next visit', async () => {
    let fail = false;
    const { repository, stats } = service(async () => {
      if (fail) throw new Error('database down');
      return FIGURES;
    });
    const t0 = Date.parse('2026-06-01T10:00:00Z');
    await stats.get(t0);
    fail = true;
    expect((await stats.get(t0 + NATIONAL_STATS_TTL_MS)).spaces).toBe(3);
    await new Promise((r) => setImmediate(r));
    fail = false;
    expect((await stats.get(t0 + NATIONAL_STATS_TTL_MS + 1)).spaces).toBe(3);
    expect(repository.figures).toHaveBeenCalledTimes(3);
  });

  it('lets the first visitor of a process see a failure rather than no figures', async () => {
    const { stats } = service(async () => {
      throw new Error('database down');
    });
    await expect(stats.get(Date.parse('2026-06-01T10:00:00Z'))).rejects.toThrow('database down');
  });
});
