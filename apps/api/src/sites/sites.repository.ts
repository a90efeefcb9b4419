import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Closure, Site, SiteContact } from '@lieux/contracts';
import type { WeeklyWindow } from '@lieux/scheduling';
import type { SiteCalendar } from './sites.types';

interface SiteRow {
  id: string;
  name: string;
  address: string;
  postcode: string;
  commune: string;
  commune_code: string;
  departement_code: string;
  region_code: string;
  time_zone: string;
  latitude: number;
  longitude: number;
  access_notes: string;
  contact_name: string;
  contact_phone: string;
  contact_email: string;
  opening_hours: WeeklyWindow[];
  closures: Closure[];
}

const SELECT = `
  SELECT s.id, s.name, s.address, s.postcode, s.commune, s.commune_code, s.departement_code, s.region_code, s.time_zone,
         s.latitude, s.longitude, s.access_notes, s.contact_name, s.contact_phone, s.contact_email, s.opening_hours,
         coalesce((SELECT json_agg(json_build_object('id', c.id, 'startsOn', to_char(c.starts_on, 'YYYY-MM-DD'),
                                    'endsOn', to_char(c.ends_on, 'YYYY-MM-DD'), 'reason', c.reason) ORDER BY c.starts_on)
                     FROM site_closures c WHERE c.site_id = s.id AND c.ends_on >= current_date - 31), '[]') AS closures
    FROM sites s`;

export interface NewSite {
  name: string;
  address: string;
  postcode: string;
  communeCode: string;
  commune: string;
  departementCode: string;
  regionCode: string;
  timeZone: string;
  latitude: number;
  longitude: number;
  accessNotes: string;
}

@Injectable()
export class SitesRepository {
  constructor(private readonly db: DataSource) {}

  async find(id: string, em: EntityManager = this.db.manager): Promise<Site | null> {
    const rows = await em.query(`${SELECT} WHERE s.id = $1`, [id]);
    return rows[0] ? toSite(rows[0]) : null;
  }

  /** All sites, or those of `ids`, by name. */
  async list(ids: string[] | null): Promise<Site[]> {
    const rows = await this.db.query(
      `${SELECT} WHERE ($1::uuid[] IS NULL OR s.id = ANY($1)) ORDER BY s.name, s.id`,
      [ids],
    );
    return rows.map(toSite);
  }

  /** Whether the site shows at least one published space: what makes it public. */
  async hasPublishedSpace(id: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM spaces WHERE site_id = $1 AND status = 'published' LIMIT 1`,
      [id],
    );
    return rows.length > 0;
  }

  async create(em: EntityManager, s: NewSite): Promise<string> {
    const [row] = await em.query(
      `INSERT INTO sites (name, address, postcode, commune_code, commune, departement_code, region_code, time_zone, latitude,
                          longitude, access_notes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        s.name,
        s.address,
        s.postcode,
        s.communeCode,
        s.commune,
        s.departementCode,
        s.regionCode,
        s.timeZone,
        s.latitude,
        s.longitude,
        s.accessNotes,
      ],
    );
    return row.id;
  }

  async update(
    em: EntityManager,
    id: string,
    p: {
      name?: string;
      address?: string;
      latitude?: number;
      longitude?: number;
      accessNotes?: string;
      contact?: SiteContact;
    },
  ) {
    await em.query(
      `UPDATE sites SET name = coalesce($2, name), address = coalesce($3, address), latitude = coalesce($4, latitude),
                        longitude = coalesce($5, longitude), access_notes = coalesce($6, access_notes),
                        contact_name = coalesce($7, contact_name), contact_phone = coalesce($8, contact_phone),
                        contact_email = coalesce($9, contact_email)
        WHERE id = $1`,
      [
        id,
        p.name ?? null,
        p.address ?? null,
        p.latitude ?? null,
        p.longitude ?? null,
        p.accessNotes ?? null,
        p.contact?.name ?? null,
        p.contact?.phone ?? null,
        p.contact?.email ?? null,
      ],
    );
  }

  async setOpeningHours(em: EntityManager, id: string, hours: WeeklyWindow[]): Promise<void> {
    await em.query(`UPDATE sites SET opening_hours = $2 WHERE id = $1`, [id, JSON.stringify(hours)]);
  }

  async addClosure(
    em: EntityManager,
    siteId: string,
    c: { startsOn: string; endsOn: string; reason: string },
  ): Promise<Closure> {
    const [row] = await em.query(
      `INSERT INTO site_closures (site_id, starts_on, ends_on, reason) VALUES ($1, $2, $3, $4)
       RETURNING id, to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn", reason`,
      [siteId, c.startsOn, c.endsOn, c.reason],
    );
    return row;
  }

  async removeClosure(em: EntityManager, siteId: string, closureId: string): Promise<Closure | null> {
    const rows = await em.query(
      `WITH d AS (DELETE FROM site_closures WHERE id = $1 AND site_id = $2
                  RETURNING id, to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn", reason)
       SELECT * FROM d`,
      [closureId, siteId],
    );
    return rows[0] ?? null;
  }

  /** Replaces the holidays of one year on which the site opens. */
  async setHolidayOpenings(em: EntityManager, siteId: string, year: number, dates: string[]): Promise<void> {
    await em.query(`DELETE FROM site_holiday_openings WHERE site_id = $1 AND extract(year FROM date) = $2`, [
      siteId,
      year,
    ]);
    for (const date of dates) {
      await em.query(`INSERT INTO site_holiday_openings (site_id, date) VALUES ($1, $2)`, [siteId, date]);
    }
  }

  /** Closed dates and the holidays it opens on, for the calendar of a window of dates. */
  /** The closures and holiday openings of several sites between two dates, by site, in two queries. */
  async calendars(siteIds: string[], fromDate: string, toDate: string): Promise<Map<string, SiteCalendar>> {
    const [closures, openings] = await Promise.all([
      this.db.query(
        `SELECT site_id, id, to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn", reason
           FROM site_closures WHERE site_id = ANY($1::uuid[]) AND starts_on <= $3 AND ends_on >= $2`,
        [siteIds, fromDate, toDate],
      ),
      this.db.query(
        `SELECT site_id, to_char(date, 'YYYY-MM-DD') AS date FROM site_holiday_openings
          WHERE site_id = ANY($1::uuid[]) AND date BETWEEN $2 AND $3`,
        [siteIds, fromDate, toDate],
      ),
    ]);
    const bySite = new Map<string, SiteCalendar>(
      siteIds.map((id) => [id, { closures: [], holidayOpenings: [] }]),
    );
    for (const { site_id, ...c } of closures as (Closure & { site_id: string })[])
      bySite.get(site_id)?.closures.push(c);
    for (const o of openings as { site_id: string; date: string }[])
      bySite.get(o.site_id)?.holidayOpenings.push(o.date);
    return bySite;
  }

  async calendar(siteId: string, fromDate: string, toDate: string): Promise<SiteCalendar> {
    const [closures, openings] = await Promise.all([
      this.db.query(
        `SELECT id, to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn", reason
           FROM site_closures WHERE site_id = $1 AND starts_on <= $3 AND ends_on >= $2`,
        [siteId, fromDate, toDate],
      ),
      this.db.query(
        `SELECT to_char(date, 'YYYY-MM-DD') AS date FROM site_holiday_openings WHERE site_id = $1 AND date BETWEEN $2 AND $3`,
        [siteId, fromDate, toDate],
      ),
    ]);
    return { closures, holidayOpenings: openings.map((o: { date: string }) => o.date) };
  }
}

function toSite(r: SiteRow): Site {
  return {
    id: r.id,
    name: r.name,
    address: r.address,
    postcode: r.postcode,
    commune: r.commune,
    communeCode: r.commune_code,
    departementCode: r.departement_code,
    regionCode: r.region_code,
    timeZone: r.time_zone,
    latitude: r.latitude,
    longitude: r.longitude,
    accessNotes: r.access_notes,
    contact: { name: r.contact_name, phone: r.contact_phone, email: r.contact_email },
    openingHours: r.opening_hours,
    closures: r.closures,
  };
}
