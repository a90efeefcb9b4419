import { Injectable } from '@nestjs/common';
import type { Commune, Departement, Region } from '@lieux/contracts';
// Made by apps/api/scripts/geography.mjs from Etalab's decoupage-administratif: France's régions,
// départements and current communes only.
import reference from './reference-geography.json';
import { timeZoneOf } from './time-zones';

/** A commune as the file lists it: code, name, département, région, postcodes, population. */
type CommuneRow = [string, string, string, string, string[], number];

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[-'’\s]+/g, ' ')
    .trim();

/**
 * Regions, départements and communes with their INSEE codes, from Etalab's `decoupage-administratif`
 * (the official geography, kept up to date by the State). Built once, on first use.
 */
@Injectable()
export class GeographyService {
  private data?: {
    regions: Region[];
    departements: Departement[];
    communes: (Commune & { key: string; population: number })[];
    byCode: Map<string, Commune>;
    departementCodes?: string[];
    timeZones?: string[];
  };

  private load() {
    if (this.data) return this.data;
    const list = (reference.communes as CommuneRow[])
      .map(([code, name, departementCode, regionCode, postcodes, population]) => ({
        code,
        name,
        postcodes,
        departementCode,
        regionCode,
        key: fold(name),
        population,
      }))
      .sort((a, b) => b.population - a.population);
    this.data = {
      regions: reference.regions.map((r) => ({ code: r.code, name: r.nom, overseas: r.zone === 'drom' })),
      departements: reference.departements.map((d) => ({
        code: d.code,
        name: d.nom,
        regionCode: d.region,
        timeZone: timeZoneOf(d.code),
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

  /** Every département's INSEE code. */
  departementCodes(): string[] {
    const data = this.load();
    data.departementCodes ??= data.departements.map((d) => d.code);
    return data.departementCodes;
  }

  /** Every département's time zone, each once. */
  timeZones(): string[] {
    const data = this.load();
    data.timeZones ??= [...new Set(data.departements.map((d) => d.timeZone))];
    return data.timeZones;
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
