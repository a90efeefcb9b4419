import { Injectable } from '@nestjs/common';
import type { AreaBand, UnmetDemandQuery, UnmetDemandReport, UnmetDemandRow } from '@lieux/contracts';
import { grantsOf, isAdmin, type Caller } from '../auth/current-user';
import { GeographyService } from '../geography/geography.service';
import { DomainException, notFound } from '../http/domain.exception';
import { NeedsDemandRepository, type UnmetScope } from './needs-demand.repository';

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/**
 * Where La Poste could open more m²: the open needs that no space meets, by département or commune, kind
 * and band of area. A delegate sees their région; the national admin any scope.
 */
@Injectable()
export class UnmetDemandService {
  constructor(
    private readonly repo: NeedsDemandRepository,
    private readonly geography: GeographyService,
  ) {}

  async report(caller: Caller, q: UnmetDemandQuery): Promise<UnmetDemandReport> {
    const scope = this.authorise(caller, q.scope);
    const [rows, organisations] = await Promise.all([
      this.repo.unmet(scope, q.groupBy, q.kind, q.theme),
      this.repo.unmetOrganisations(scope, q.kind, q.theme),
    ]);
    const departements = new Map(
      this.geography
        .regions()
        .flatMap((r) => this.geography.departements(r.code) ?? [])
        .map((d) => [d.code, d.name]),
    );
    const items: UnmetDemandRow[] = rows.map((r) => ({
      code: r.code,
      name:
        r.code === r.departement_code
          ? (departements.get(r.code) ?? r.code)
          : (this.geography.commune(r.code)?.name ?? r.code),
      departementCode: r.departement_code,
      regionCode: r.region_code,
      latitude: round(Number(r.latitude), 5),
      longitude: round(Number(r.longitude), 5),
      kind: r.kind as UnmetDemandRow['kind'],
      areaBand: r.area_band as AreaBand,
      needs: r.needs,
      organisations: r.organisations,
      occurrencesWanted: r.occurrences_wanted,
      hoursWanted: round(Number(r.hours_wanted), 2),
    }));
    return {
      scope: q.scope,
      groupBy: q.groupBy,
      generatedAt: new Date().toISOString(),
      rows: items,
      totals: {
        needs: items.reduce((n, r) => n + r.needs, 0),
        organisations,
        hoursWanted: round(
          items.reduce((n, r) => n + r.hoursWanted, 0),
          2,
        ),
      },
    };
  }

  /** As the occupancy report's scopes: national for admins, a région (or one of its départements) for its delegates. */
  private authorise(caller: Caller, raw: string): UnmetScope {
    const [kind, value] = raw.split(':');
    const admin = isAdmin(caller);
    const regions = grantsOf(caller, 'delegate').map((g) => g.regionCode!);
    const allowed = (region: string) => admin || regions.includes(region);
    const forbidden = () => new DomainException('FORBIDDEN', 403, 'FORBIDDEN.outsideRegion');
    if (kind === 'national') {
      if (!admin) throw forbidden();
      return { kind };
    }
    if (kind === 'region') {
      if (!this.geography.departements(value)) throw notFound('NOT_FOUND.scopeRegion');
      if (!allowed(value)) throw forbidden();
      return { kind, code: value };
    }
    if (kind === 'departement') {
      const code = value.toUpperCase();
      const region = this.geography
        .regions()
        .find((r) => this.geography.departements(r.code)?.some((d) => d.code === code));
      if (!region) throw notFound('NOT_FOUND.scopeDepartement');
      if (!allowed(region.code)) throw forbidden();
      return { kind, code };
    }
    throw forbidden();
  }
}
