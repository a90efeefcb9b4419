import { z } from './common';
import { msg } from './messages';

export const Region = z
  .object({ code: z.string(), name: z.string(), overseas: z.boolean() })
  .openapi('Region');
export type Region = z.infer<typeof Region>;

export const Departement = z
  .object({ code: z.string(), name: z.string(), regionCode: z.string(), timeZone: z.string() })
  .openapi('Departement');
export type Departement = z.infer<typeof Departement>;

export const Commune = z
  .object({
    code: z.string().describe('INSEE code'),
    name: z.string(),
    postcodes: z.array(z.string()),
    departementCode: z.string(),
    regionCode: z.string(),
  })
  .openapi('Commune');
export type Commune = z.infer<typeof Commune>;

export const RegionParams = z.object({
  code: z.string().regex(/^\d{2}$/, { error: msg('region.code') }),
});

export const CommuneQuery = z
  .object({
    q: z
      .string()
      .trim()
      .min(2, { error: msg('text.atLeastTwo') })
      .max(80)
      .describe('A commune name or a postcode'),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .openapi('CommuneQuery');

export const RegionList = z.object({ items: z.array(Region) }).openapi('RegionList');
export const DepartementList = z.object({ items: z.array(Departement) }).openapi('DepartementList');
export const CommuneList = z.object({ items: z.array(Commune) }).openapi('CommuneList');
