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

  it('asks the database once a minute at most, and again after a failure', async () => {
    let fail = true;
    const { repository, stats } = service(async () => {
      if (fail) throw new Error('database down');
      return FIGURES;
    });
    const t0 = Date.parse('2026-06-01T10:00:00Z');
    await expect(stats.get(t0)).rejects.toThrow('database down');
    fail = false;
    await stats.get(t0 + 1);
    await stats.get(t0 + NATIONAL_STATS_TTL_MS);
    expect(repository.figures).toHaveBeenCalledTimes(2);
    await stats.get(t0 + 1 + NATIONAL_STATS_TTL_MS);
    expect(repository.figures).toHaveBeenCalledTimes(3);
  });
});
