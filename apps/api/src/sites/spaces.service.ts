import { Injectable } from '@nestjs/common';
import type { Space } from '@lieux/contracts';
import { DomainException, notFound } from '../http/domain.exception';
import { localDates, siteOpenPeriods, type Period } from '@lieux/scheduling';
import { SitesRepository } from './sites.repository';
import { SpacesRepository, type BookableSpace } from './spaces.repository';

@Injectable()
export class SpacesService {
  constructor(
    private readonly spaces: SpacesRepository,
    private readonly sites: SitesRepository,
  ) {}

  /** When the space can be used within a window: its site's hours, minus closures and holidays. */
  async openPeriods(space: BookableSpace, window: Period): Promise<Period[]> {
    const { from, to } = localDates(window, space.site.timeZone);
    const { closures } = await this.sites.calendar(space.site.id, from, to);
    return siteOpenPeriods(
      { timeZone: space.site.timeZone, openingHours: space.openingHours, closures },
      window,
    );
  }

  async get(id: string): Promise<BookableSpace> {
    const space = await this.spaces.findPublished(id);
    if (!space) throw notFound('Cet espace');
    return space;
  }

  async list(limit: number, cursor?: string): Promise<{ items: Space[]; nextCursor: string | null }> {
    const rows = await this.spaces.listPublished(limit + 1, cursor ? decodeCursor(cursor) : undefined);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const nextCursor =
      rows.length > limit && last
        ? encodeCursor({ siteName: last.site.name, name: last.name, id: last.id })
        : null;
    return { items: items.map(publicView), nextCursor };
  }
}

export function publicView({ openingHours: _, ...space }: BookableSpace): Space {
  return space;
}

function encodeCursor(c: { siteName: string; name: string; id: string }): string {
  return Buffer.from(JSON.stringify([c.siteName, c.name, c.id])).toString('base64url');
}

function decodeCursor(cursor: string): { siteName: string; name: string; id: string } {
  try {
    const [siteName, name, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if ([siteName, name, id].every((v) => typeof v === 'string')) return { siteName, name, id };
  } catch {
    // fall through
  }
  throw new DomainException('VALIDATION_FAILED', 400, 'Curseur de pagination invalide.', [
    { path: 'query.cursor', message: 'Curseur inconnu : reprenez depuis la première page.' },
  ]);
}
