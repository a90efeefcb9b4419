import { readFileSync } from 'node:fs';
import { Injectable } from '@nestjs/common';
import type { Commune, Departement, Region } from '@lieux/contracts';

interface EtalabRegion {
  code: string;
  nom: string;
  zone: string;
}
interface EtalabDepartement extends EtalabRegion {
  region: string;
}
interface EtalabCommune extends EtalabDepartement {
  type: string;
  departement: string;
  codesPostaux?: string[];
  population?: number;
}

/** IANA zones of the overseas départements; every metropolitan one is Europe/Paris. */
const OVERSEAS_ZONES: Record<string, string> = {
  '971': 'America/Guadeloupe',
  '972': 'America/Martinique',
  '973': 'America/Cayenne',
  '974': 'Indian/Reunion',
  '976': 'Indian/Mayotte',
};

// The package's own index reads its files relative to the working directory: read them directly.
function readData<T>(name: string): T[] {
  return JSON.parse(
    readFileSync(require.resolve(`@etalab/decoupage-administratif/data/${name}.json`), 'utf8'),
  );
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[-'’\s]+/g, ' ')
    .trim();

/**
 * Regions, départements and communes with their INSEE codes, from Etalab's `decoupage-administratif`
 * (the official geography, kept up to date by the State). Loaded once, on first use.
 */
@Injectable()
export class GeographyService {
  private data?: {
    regions: Region[];
    departements: Departement[];
    communes: (Commune & { key: string; population: number })[];
    byCode: Map<string, Commune>;
  };

  private load() {
    if (this.data) return this.data;
    const regions = readData<EtalabRegion>('regions');
    const departements = readData<EtalabDepartement>('departements');
    const communes = readData<EtalabCommune>('communes');
    const inFrance = (z: string) => z === 'metro' || z === 'drom';
    const list = communes
      .filter((c) => c.type === 'commune-actuelle' && inFrance(c.zone))
      .map((c) => ({
        code: c.code,
        name: c.nom,
        postcodes: c.codesPostaux ?? [],
        departementCode: c.departement,
        regionCode: c.region,
        key: fold(c.nom),
        population: c.population ?? 0,
      }))
      .sort((a, b) => b.population - a.population);
    this.data = {
      regions: regions
        .filter((r) => inFrance(r.zone))
        .map((r) => ({ code: r.code, name: r.nom, overseas: r.zone === 'drom' })),
      departements: departements
        .filter((d) => inFrance(d.zone))
        .map((d) => ({
          code: d.code,
          name: d.nom,
          regionCode: d.region,
          timeZone: OVERSEAS_ZONES[d.code] ?? 'Europe/Paris',
        })),
      communes: list,
      byCode: new Map(list.map((c) => [c.code, c])),
    };
    return this.data;
  }

  regions(): Region[] {
    return this.load().regions;
  }

  departements(regionCode: string): Departement[] | null {
    const { regions, departements } = this.load();
    if (!regions.some((r) => r.code === regionCode)) return null;
    return departements.filter((d) => d.regionCode === regionCode);
  }

  commune(code: string): Commune | null {
    return this.load().byCode.get(code) ?? null;
  }

  /** By postcode when the query is digits, else by name (accents and hyphens ignored), largest first. */
  searchCommunes(q: string, limit: number): Commune[] {
    const { communes } = this.load();
    const strip = ({ key: _k, population: _p, ...c }: (typeof communes)[number]): Commune => c;
    if (/^\d{2,5}$/.test(q))
      return communes
        .filter((c) => c.postcodes.some((p) => p.startsWith(q)))
        .slice(0, limit)
        .map(strip);
    const key = fold(q);
    const starts = communes.filter((c) => c.key.startsWith(key));
    const contains =
      starts.length < limit ? communes.filter((c) => !c.key.startsWith(key) && c.key.includes(key)) : [];
    return [...starts, ...contains].slice(0, limit).map(strip);
  }
}
