import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Space } from '@lieux/contracts';
import type { WeeklyWindow } from '@lieux/scheduling';

/** A space with what the booking rules need, read in one query. */
export interface BookableSpace extends Space {
  openingHours: WeeklyWindow[];
}

const SELECT_SPACE = `
  SELECT sp.id, sp.name, sp.kind, sp.area_sqm, sp.capacity, sp.equipment, sp.step_free, sp.description, sp.status,
         sp.approval_required, sp.slot_step_minutes, sp.min_duration_minutes, sp.max_duration_minutes,
         sp.min_notice_minutes, sp.horizon_days, sp.buffer_before_minutes, sp.buffer_after_minutes,
         sp.hourly_rate_cents,
         s.id AS site_id, s.name AS site_name, s.address, s.postcode, s.commune, s.departement_code,
         s.region_code, s.time_zone, s.latitude, s.longitude, s.opening_hours
    FROM spaces sp JOIN sites s ON s.id = sp.site_id`;

@Injectable()
export class SpacesRepository {
  constructor(private readonly db: DataSource) {}

  async findPublished(id: string): Promise<BookableSpace | null> {
    const rows = await this.db.query(`${SELECT_SPACE} WHERE sp.id = $1 AND sp.status = 'published'`, [id]);
    return rows[0] ? toSpace(rows[0]) : null;
  }

  /** Keyset page over published spaces, ordered by site then space name. */
  async listPublished(
    limit: number,
    after?: { siteName: string; name: string; id: string },
  ): Promise<BookableSpace[]> {
    const rows = after
      ? await this.db.query(
          `${SELECT_SPACE} WHERE sp.status = 'published' AND (s.name, sp.name, sp.id) > ($1, $2, $3)
            ORDER BY s.name, sp.name, sp.id LIMIT $4`,
          [after.siteName, after.name, after.id, limit],
        )
      : await this.db.query(
          `${SELECT_SPACE} WHERE sp.status = 'published' ORDER BY s.name, sp.name, sp.id LIMIT $1`,
          [limit],
        );
    return rows.map(toSpace);
  }
}

interface SpaceRow {
  id: string;
  name: string;
  kind: Space['kind'];
  area_sqm: string;
  capacity: number;
  equipment: string[];
  step_free: boolean;
  description: string;
  status: Space['status'];
  approval_required: boolean;
  slot_step_minutes: number;
  min_duration_minutes: number;
  max_duration_minutes: number;
  min_notice_minutes: number;
  horizon_days: number;
  buffer_before_minutes: number;
  buffer_after_minutes: number;
  hourly_rate_cents: number;
  site_id: string;
  site_name: string;
  address: string;
  postcode: string;
  commune: string;
  departement_code: string;
  region_code: string;
  time_zone: string;
  latitude: number;
  longitude: number;
  opening_hours: WeeklyWindow[];
}

function toSpace(r: SpaceRow): BookableSpace {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    areaSqm: Number(r.area_sqm),
    capacity: r.capacity,
    equipment: r.equipment,
    stepFree: r.step_free,
    description: r.description,
    status: r.status,
    site: {
      id: r.site_id,
      name: r.site_name,
      address: r.address,
      postcode: r.postcode,
      commune: r.commune,
      departementCode: r.departement_code,
      regionCode: r.region_code,
      timeZone: r.time_zone,
      latitude: r.latitude,
      longitude: r.longitude,
    },
    policy: {
      approvalRequired: r.approval_required,
      slotStepMinutes: r.slot_step_minutes,
      minDurationMinutes: r.min_duration_minutes,
      maxDurationMinutes: r.max_duration_minutes,
      minNoticeMinutes: r.min_notice_minutes,
      horizonDays: r.horizon_days,
      bufferBeforeMinutes: r.buffer_before_minutes,
      bufferAfterMinutes: r.buffer_after_minutes,
    },
    price: { hourlyRateCents: r.hourly_rate_cents },
    openingHours: r.opening_hours,
  };
}
