import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ESUS_APPROVAL_YEARS, type Organisation, type OrganisationUnderReview } from '@lieux/contracts';
import { localTodaySql } from '../geography/time-zones';

interface OrganisationRow {
  id: string;
  name: string;
  siret: string;
  legal_form: Organisation['legalForm'];
  rna: string | null;
  esus_approved_on: string | null;
  esus_expires_on: string | null;
  esus_expired: boolean | null;
  address: string;
  postcode: string;
  commune_code: string;
  commune: string;
  departement_code: string;
  region_code: string;
  verification: Organisation['verification'];
  verification_reason: string | null;
  created_at: Date;
}

const SELECT = `
  SELECT id, name, siret, legal_form, rna, to_char(esus_approved_on, 'YYYY-MM-DD') AS esus_approved_on,
         to_char(esus_approved_on + make_interval(years => ${ESUS_APPROVAL_YEARS}), 'YYYY-MM-DD') AS esus_expires_on,
         CASE WHEN esus_approved_on IS NULL THEN NULL
              ELSE esus_approved_on + make_interval(years => ${ESUS_APPROVAL_YEARS}) < ${localTodaySql('departement_code')} END AS esus_expired,
         address, postcode, commune_code, commune, departement_code, region_code, verification, verification_reason, created_at
    FROM organisations`;

export interface NewOrganisation {
  name: string;
  siret: string;
  legalForm: Organisation['legalForm'];
  rna: string | null;
  esusApprovedOn: string | null;
  address: string;
  postcode: string;
  communeCode: string;
  commune: string;
  departementCode: string;
  regionCode: string;
}

@Injectable()
export class OrganisationsRepository {
  constructor(private readonly db: DataSource) {}

  async find(id: string, em: EntityManager = this.db.manager): Promise<Organisation | null> {
    const rows = await em.query(`${SELECT} WHERE id = $1`, [id]);
    return rows[0] ? toOrganisation(rows[0]) : null;
  }

  /**
   * Keyset page, newest first, restricted to `regionCodes` unless null (national), each with its contact:
   * the earliest admin still on the platform, normally the person who registered it (else its earliest
   * member).
   */
  async list(
    regionCodes: string[] | null,
    verification: string | undefined,
    limit: number,
    after?: { createdAt: string; id: string },
  ): Promise<OrganisationUnderReview[]> {
    const params: unknown[] = [regionCodes, verification ?? null, limit];
    let keyset = '';
    if (after) {
      params.push(after.createdAt, after.id);
      keyset = `AND (created_at, id) < ($4::timestamptz, $5::uuid)`;
    }
    const rows = await this.db.query(
      `SELECT o.*, c.display_name AS contact_name, c.email AS contact_email
         FROM (${SELECT} WHERE ($1::text[] IS NULL OR region_code = ANY($1)) AND ($2::text IS NULL OR verification = $2) ${keyset}
                ORDER BY created_at DESC, id DESC LIMIT $3) o
         LEFT JOIN LATERAL (
           SELECT u.display_name, u.email FROM users u
             JOIN role_grants g ON g.user_id = u.id AND g.organisation_id = o.id
            ORDER BY g.role = 'org_admin' DESC, u.created_at, u.id LIMIT 1) c ON true
        ORDER BY o.created_at DESC, o.id DESC`,
      params,
    );
    return rows.map((r: OrganisationRow & { contact_name: string | null; contact_email: string | null }) => ({
      ...toOrganisation(r),
      contact: r.contact_name ? { displayName: r.contact_name, email: r.contact_email! } : null,
    }));
  }

  /** Raises 23505 when the SIRET is registered already. */
  async create(em: EntityManager, o: NewOrganisation): Promise<string> {
    const [row] = await em.query(
      `INSERT INTO organisations (name, siret, legal_form, rna, esus_approved_on, address, postcode, commune_code, commune,
                                  departement_code, region_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        o.name,
        o.siret,
        o.legalForm,
        o.rna,
        o.esusApprovedOn,
        o.address,
        o.postcode,
        o.communeCode,
        o.commune,
        o.departementCode,
        o.regionCode,
      ],
    );
    return row.id;
  }

  /** Sets the decision if the organisation is still in one of `from`; false when it was not. */
  async decide(
    em: EntityManager,
    id: string,
    to: 'verified' | 'rejected',
    from: string[],
    reason: string | null,
    by: string,
  ): Promise<boolean> {
    const rows = await em.query(
      `WITH d AS (
         UPDATE organisations SET verification = $2, verification_reason = $3, decided_at = now(), decided_by = $4
          WHERE id = $1 AND verification = ANY($5) RETURNING id)
       SELECT id FROM d`,
      [id, to, reason, by, from],
    );
    return rows.length > 0;
  }

  async members(
    id: string,
  ): Promise<{ id: string; email: string; displayName: string; role: 'member' | 'org_admin' }[]> {
    const rows = await this.db.query(
      `SELECT DISTINCT ON (u.id) u.id, u.email, u.display_name, g.role
         FROM users u JOIN role_grants g ON g.user_id = u.id AND g.organisation_id = $1
        ORDER BY u.id, g.role = 'org_admin' DESC`,
      [id],
    );
    return rows
      .map((r: { id: string; email: string; display_name: string; role: 'member' | 'org_admin' }) => ({
        id: r.id,
        email: r.email,
        displayName: r.display_name,
        role: r.role,
      }))
      .sort((a: { displayName: string }, b: { displayName: string }) =>
        a.displayName.localeCompare(b.displayName, 'fr'),
      );
  }

  async verification(id: string): Promise<'pending' | 'verified' | 'rejected' | null> {
    const rows = await this.db.query(`SELECT verification FROM organisations WHERE id = $1`, [id]);
    return rows[0]?.verification ?? null;
  }
}

function toOrganisation(r: OrganisationRow): Organisation {
  return {
    id: r.id,
    name: r.name,
    siret: r.siret,
    legalForm: r.legal_form,
    rna: r.rna,
    esusApprovedOn: r.esus_approved_on,
    esusExpiresOn: r.esus_expires_on,
    esusExpired: r.esus_expired,
    address: r.address,
    postcode: r.postcode,
    communeCode: r.commune_code,
    commune: r.commune,
    departementCode: r.departement_code,
    regionCode: r.region_code,
    verification: r.verification,
    verificationReason: r.verification_reason,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
