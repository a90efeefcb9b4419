import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Temporal } from 'temporal-polyfill';
import { DataSource, type EntityManager } from 'typeorm';
import { hashPassword } from '../auth/auth.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { occurrencesWanted } from '../needs/need-hostable';
import { DEMO_ACCOUNTS, DEMO_NEEDS, DEMO_ORGANISATIONS, DEMO_REGION, DEMO_SITES } from './demo-data';

/** Loads the demo data on a database that has no site yet (first embedded start, or DEMO_SEED=true). */
@Injectable()
export class DemoSeed implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoSeed) return;
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM sites`);
    if (n > 0) return;
    await this.seed();
    this.logger.log('demo data loaded');
  }

  async seed(): Promise<void> {
    const passwordHash = await hashPassword(this.config.demoPassword);
    await this.db.transaction(async (em) => {
      const orgIds = new Map<string, string>();
      for (const o of DEMO_ORGANISATIONS) {
        const id = randomUUID();
        orgIds.set(o.key, id);
        await em.query(
          `INSERT INTO organisations (id, name, siret, legal_form, rna, address, postcode, commune_code, commune,
                                      departement_code, region_code, verification, decided_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'verified', now())`,
          [
            id,
            o.name,
            o.siret,
            o.legalForm,
            o.rna,
            o.address,
            o.postcode,
            o.communeCode,
            o.commune,
            o.departementCode,
            DEMO_REGION,
          ],
        );
      }
      const siteIds = new Map<string, string>();
      const spaceIds = new Map<string, string>();
      for (const s of DEMO_SITES) {
        const siteId = randomUUID();
        siteIds.set(s.key, siteId);
        await em.query(
          `INSERT INTO sites (id, name, address, postcode, commune, departement_code, region_code, time_zone, latitude,
                              longitude, opening_hours, commune_code, access_notes)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'Europe/Paris', $8, $9, $10, $11, $12)`,
          [
            siteId,
            s.name,
            s.address,
            s.postcode,
            s.commune,
            s.departementCode,
            DEMO_REGION,
            s.latitude,
            s.longitude,
            JSON.stringify(s.openingHours),
            s.communeCode,
            'Entrée par le guichet principal ; demandez l’accueil.',
          ],
        );
        for (const sp of s.spaces) {
          const id = randomUUID();
          spaceIds.set(sp.key, id);
          await em.query(
            `INSERT INTO spaces (id, site_id, region_code, departement_code, name, kind, area_sqm, capacity, equipment, step_free,
                                 description, status, approval_required, buffer_before_minutes, buffer_after_minutes, hourly_rate_cents)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'published', $12, $13, $14, $15)`,
            [
              id,
              siteId,
              DEMO_REGION,
              s.departementCode,
              sp.name,
              sp.kind,
              sp.areaSqm,
              sp.capacity,
              sp.equipment,
              sp.stepFree,
              sp.description,
              sp.approvalRequired ?? false,
              sp.bufferBeforeMinutes ?? 0,
              sp.bufferAfterMinutes ?? 0,
              sp.hourlyRateCents,
            ],
          );
        }
      }
      const userIds = new Map<string, string>();
      for (const a of DEMO_ACCOUNTS) {
        const id = randomUUID();
        userIds.set(a.email, id);
        const orgId = 'organisation' in a ? orgIds.get(a.organisation)! : null;
        await em.query(
          `INSERT INTO users (id, email, password_hash, display_name, organisation_id) VALUES ($1, $2, $3, $4, $5)`,
          [id, a.email, passwordHash, a.name, orgId],
        );
        const sites = 'sites' in a ? a.sites.map((k) => siteIds.get(k)!) : [null];
        for (const siteId of sites) {
          await em.query(
            `INSERT INTO role_grants (user_id, role, organisation_id, site_id, region_code) VALUES ($1, $2, $3, $4, $5)`,
            [id, a.role, orgId, siteId, 'regionCode' in a ? a.regionCode : null],
          );
        }
      }
      // A few bookings of the cooperative next week, so that calendars show busy blocks from the start.
      const today = Temporal.Now.plainDateISO('Europe/Paris');
      const monday = today.subtract({ days: today.dayOfWeek - 1 }).add({ weeks: 1 });
      const busy: [string, number, string, string, string][] = [
        ['montpellier-garrigue', 0, '10:00', '12:00', 'Conseil d’administration'],
        ['montpellier-garrigue', 2, '14:00', '16:30', 'Atelier CV'],
        ['montpellier-bureau', 1, '09:00', '12:30', 'Permanence emploi'],
        ['toulouse-cowork', 3, '13:30', '17:00', 'Journée coworking'],
        ['nimes-arenes', 4, '09:30', '11:00', 'Réunion bénévoles'],
      ];
      for (const [space, day, from, to, title] of busy) {
        const date = monday.add({ days: day });
        const at = (hhmm: string) =>
          date.toZonedDateTime({ timeZone: 'Europe/Paris', plainTime: hhmm }).toInstant().toString();
        const range = `[${at(from)},${at(to)})`;
        await em.query(
          `WITH b AS (
             INSERT INTO bookings (space_id, organisation_id, booked_by, status, period, blocked_period, title, attendees, price_cents)
             VALUES ($1, $2, $3, 'confirmed', $4::tstzrange, $4::tstzrange, $5, 4, 0) RETURNING id, booked_by, status)
           INSERT INTO booking_history (booking_id, actor_id, from_status, to_status) SELECT id, booked_by, NULL, status FROM b`,
          [
            spaceIds.get(space),
            orgIds.get('cooperative'),
            userIds.get('cooperative@demo.lieux-partages.fr'),
            range,
            title,
          ],
        );
      }
      await this.seedCheckIn(em, {
        guichet: spaceIds.get('montpellier-guichet')!,
        arenes: spaceIds.get('nimes-arenes')!,
        cooperative: orgIds.get('cooperative')!,
        coopUser: userIds.get('cooperative@demo.lieux-partages.fr')!,
        association: orgIds.get('association')!,
        member: userIds.get('membre@demo.lieux-partages.fr')!,
      });
      // Open needs no demo space meets, for the unmet-demand map and the demand near the demo sites.
      for (const n of DEMO_NEEDS) {
        const from = monday.add({ weeks: n.startsInWeeks });
        const schedule = {
          from: from.toString(),
          until: from.add({ weeks: n.weeks }).subtract({ days: 1 }).toString(),
          startTime: n.startTime,
          endTime: n.endTime,
          weekdays: n.weekdays,
          perWeek: n.perWeek ?? null,
        };
        const occurrences = occurrencesWanted(schedule);
        const hours =
          (Temporal.PlainTime.from(n.startTime).until(Temporal.PlainTime.from(n.endTime)).total('minutes') /
            60) *
          occurrences;
        const commune = 'communeCode' in n.place ? n.place : null;
        await em.query(
          `INSERT INTO needs (organisation_id, created_by, kind, min_area_m2, attendees, date_from, date_until, start_time, end_time,
                              weekdays, per_week, commune_code, radius_km, departement_code, region_code, latitude,
                              longitude, purpose, theme, contactable, occurrences_wanted, hours_wanted)
           VALUES ($1, $22, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)`,
          [
            orgIds.get(n.organisation),
            n.kind,
            n.minAreaM2,
            n.attendees,
            schedule.from,
            schedule.until,
            n.startTime,
            n.endTime,
            n.weekdays,
            schedule.perWeek,
            commune?.communeCode ?? null,
            commune?.radiusKm ?? null,
            n.place.departementCode,
            n.place.regionCode,
            n.place.latitude,
            n.place.longitude,
            n.purpose,
            n.theme,
            n.contactable,
            occurrences,
            hours,
            // Declared by the organisation's demo account, who gets the e-mails of new matches.
            userIds.get(
              DEMO_ACCOUNTS.find((a) => 'organisation' in a && a.organisation === n.organisation)!.email,
            ),
          ],
        );
      }
      // And one of last week, over: a booking an organisation can give a light report on (issue 15). Its
      // workshop was published from that week on, so that its hours count in the occupancy figures.
      const lastMonday = monday.subtract({ weeks: 2 });
      const lastTuesday = lastMonday.add({ days: 1 });
      const past = (hhmm: string) =>
        lastTuesday.toZonedDateTime({ timeZone: 'Europe/Paris', plainTime: hhmm }).toInstant().toString();
      const workshop = spaceIds.get('toulouse-atelier');
      await em.query(
        `UPDATE space_publications SET period = tstzrange($2::timestamptz, upper(period)) WHERE space_id = $1`,
        [workshop, lastMonday.toZonedDateTime({ timeZone: 'Europe/Paris' }).toInstant().toString()],
      );
      await em.query(
        `INSERT INTO occupancy_dirty (space_id, from_date, to_date) VALUES ($1, $2::date, current_date + 1)`,
        [workshop, lastMonday.subtract({ days: 1 }).toString()],
      );
      await em.query(
        `WITH b AS (
           INSERT INTO bookings (space_id, organisation_id, booked_by, status, period, blocked_period, title, attendees, price_cents)
           VALUES ($1, $2, $3, 'completed', $4::tstzrange, $4::tstzrange, $5, 12, 0) RETURNING id, booked_by, status)
         INSERT INTO booking_history (booking_id, actor_id, from_status, to_status) SELECT id, booked_by, NULL, status FROM b`,
        [
          workshop,
          orgIds.get('cooperative'),
          userIds.get('cooperative@demo.lieux-partages.fr'),
          `[${past('14:00')},${past('17:00')})`,
          'Atelier réparation de vélos',
        ],
      );
    });
  }

  /**
   * Check-in as it happens, from the first start on: a booking of the cooperative begun a few minutes ago
   * at the Coin guichet, to check in from its door page's QR code; and one at the Salle des Arènes, which
   * asks for a check-in within 5 minutes of the start, that nobody will check in for, with the association
   * waiting for the same slot. About a minute after the start the release sweep frees it, tells the
   * cooperative and offers the rest of the slot to the association (the browser tests rely on both).
   */
  private async seedCheckIn(
    em: EntityManager,
    ids: {
      guichet: string;
      arenes: string;
      cooperative: string;
      coopUser: string;
      association: string;
      member: string;
    },
  ): Promise<void> {
    const minute = 60_000;
    const start = Math.floor(Date.now() / minute) * minute - 4 * minute;
    const range = (hours: number) =>
      `[${new Date(start).toISOString()},${new Date(start + hours * 3600_000).toISOString()})`;
    await em.query(
      `UPDATE spaces SET check_in_minutes = 5, check_in_since = now() - interval '1 day' WHERE id = $1`,
      [ids.arenes],
    );
    for (const [space, title, hours] of [
      [ids.guichet, 'Permanence d’accueil', 8],
      [ids.arenes, 'Réunion de quartier', 4],
    ] as const) {
      await em.query(
        `WITH b AS (
           INSERT INTO bookings (space_id, organisation_id, booked_by, status, period, blocked_period, title, attendees, price_cents)
           VALUES ($1, $2, $3, 'confirmed', $4::tstzrange, $4::tstzrange, $5, 2, 0) RETURNING id, booked_by, status)
         INSERT INTO booking_history (booking_id, actor_id, from_status, to_status) SELECT id, booked_by, NULL, status FROM b`,
        [space, ids.cooperative, ids.coopUser, range(hours), title],
      );
    }
    await em.query(
      `INSERT INTO waitlist_entries (space_id, organisation_id, user_id, period, title, attendees)
       VALUES ($1, $2, $3, $4::tstzrange, 'Atelier jardinage', 4)`,
      [ids.arenes, ids.association, ids.member, range(4)],
    );
  }
}
