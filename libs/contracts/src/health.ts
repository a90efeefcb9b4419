import { z } from './common';

const Check = z.object({ status: z.enum(['up', 'down']), detail: z.string().optional() });

export const Health = z
  .object({
    status: z.enum(['ok', 'degraded']),
    mode: z.enum(['embedded', 'services']),
    checks: z.object({ database: Check, queue: Check }),
  })
  .openapi('Health');
export type Health = z.infer<typeof Health>;

/** The process answers: nothing else is checked, so that a dependency's outage never gets it restarted. */
export const Liveness = z.object({ status: z.literal('ok') }).openapi('Liveness');
export type Liveness = z.infer<typeof Liveness>;
