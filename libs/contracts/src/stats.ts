import { z } from './common';

/** The home page's figures, computed from the live data (published spaces of open sites; this calendar year). */
export const NationalStats = z
  .object({
    year: z.number().int().describe('The calendar year of the “this year” figures, in Europe/Paris'),
    sitesOpen: z.number().int().describe('Sites with at least one published space'),
    spaces: z.number().int().describe('Published spaces'),
    areaSqm: z.number().describe('m² offered: the published spaces’ areas added up'),
    organisationsHosted: z
      .number()
      .int()
      .describe('Organisations with at least one booking held (confirmed) this year'),
    hoursBooked: z.number().describe('Hours of confirmed bookings this year, started or to come'),
  })
  .openapi('NationalStats');
export type NationalStats = z.infer<typeof NationalStats>;
