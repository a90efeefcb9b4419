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
