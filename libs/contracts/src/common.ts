import { z } from 'zod';
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { fr } from 'zod/locales';

extendZodWithOpenApi(z);
// French first: zod's own messages (type mismatches, unknown keys) in French too.
z.config(fr());

export { z };

/** An instant with an explicit offset: `2026-03-03T14:30:00+01:00` or `…Z`. */
export const Instant = z.iso
  .datetime({
    offset: true,
    message: 'Date et heure attendues avec leur décalage, par exemple 2026-03-03T14:30:00+01:00',
  })
  .openapi({ example: '2026-03-03T14:30:00+01:00' });

export const Uuid = z.uuid({ message: 'Identifiant attendu (UUID)' });

export const Interval = z.object({ start: Instant, end: Instant }).openapi('Interval');
export type Interval = z.infer<typeof Interval>;

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details' });
export type Problem = z.infer<typeof Problem>;

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
};

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
