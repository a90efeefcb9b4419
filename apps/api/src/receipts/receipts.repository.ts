import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ISSUER_ZONE, type ReceiptFacts, type ReceiptSource } from './receipt-facts';

export interface StoredReceipt {
  number: string;
  issuedAt: Date;
  facts: ReceiptFacts;
  cancelledAt: Date | null;
}

/**
 * Receipts and their counters. The issue reads the booking with its organisation and site (tables of the
 * bookings, organisations and sites modules) inside the transaction that confirms the booking: what the
 * receipt freezes is what that transaction sees.
 */
@Injectable()
export class ReceiptsRepository {
  constructor(private readonly db: DataSource) {}

  /** A confirmed paid booking that has no standing receipt, as a receipt describes it; null otherwise. */
  async source(em: EntityManager, bookingId: string): Promise<ReceiptSource | null> {
    const rows = await em.query(
      `SELECT b.title, lower(b.period) AS start_at, upper(b.period) AS end_at, s.time_zone,
              sp.name AS space_name, s.name AS site_name, concat_ws(', ', nullif(s.address, ''),
              nullif(concat_ws(' ', nullif(s.postcode, ''), nullif(s.commune, '')), '')) AS site_address,
              coalesce(b.list_price_cents, b.price_cents) AS list_price_cents, b.discount_percent,
              b.discount_basis, b.price_cents, o.name AS buyer_name, o.siret,
              concat_ws(', ', nullif(o.address, ''),
              nullif(concat_ws(' ', nullif(o.postcode, ''), nullif(o.commune, '')), '')) AS buyer_address
         FROM bookings b JOIN spaces sp ON sp.id = b.space_id JOIN sites s ON s.id = sp.site_id
         JOIN organisations o ON o.id = b.organisation_id
        WHERE b.id = $1 AND b.status = 'confirmed' AND b.price_cents > 0
          AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.booking_id = b.id AND r.cancelled_at IS NULL)`,
      [bookingId],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      title: r.title,
      start: new Date(r.start_at).toISOString(),
      end: new Date(r.end_at).toISOString(),
      timeZone: r.time_zone,
      spaceName: r.space_name,
      siteName: r.site_name,
      siteAddress: r.site_address,
      listPriceCents: r.list_price_cents,
      discountPercent: r.discount_percent,
      discountBasis: r.discount_basis,
      priceCents: r.price_cents,
      buyer: { name: r.buyer_name, address: r.buyer_address, siret: r.siret.trim() },
    };
  }

  /**
   * Takes the next number of the series for the current year and stores the receipt, in the caller's
   * transaction. The upsert locks the counter row (as `SELECT … FOR UPDATE` would) until that transaction
   * ends: numbers are given one at a time, and a rollback gives its number back with everything else, so
   * they run without gaps. The date of issue is read once the lock is held, so numbers and dates agree.
   */
  async issue(
    em: EntityManager,
    bookingId: string,
    series: string,
    facts: ReceiptFacts,
  ): Promise<{ number: string; issuedAt: Date }> {
    const [row] = await em.query(
      `WITH c AS (
         INSERT INTO receipt_counters AS rc (series, year, last_number)
         VALUES ($2, extract(year FROM clock_timestamp() AT TIME ZONE '${ISSUER_ZONE}')::smallint, 1)
         ON CONFLICT (series, year) DO UPDATE SET last_number = rc.last_number + 1
         RETURNING year, last_number, clock_timestamp() AS at)
       INSERT INTO receipts (booking_id, series, year, sequence, number, issued_at, facts)
       SELECT $1, $2, c.year, c.last_number, $2 || '-' || c.year || '-' || lpad(c.last_number::text, 6, '0'), c.at, $3
         FROM c
       RETURNING number, issued_at`,
      [bookingId, series, JSON.stringify(facts)],
    );
    return { number: row.number, issuedAt: new Date(row.issued_at) };
  }

  /**
   * The booking was cancelled, moved or repriced after its receipt was issued: the receipt keeps its
   * number, marked cancelled. Whether there was one to mark.
   */
  async markCancelled(em: EntityManager, bookingId: string): Promise<boolean> {
    const [, count] = await em.query(
      `UPDATE receipts SET cancelled_at = now() WHERE booking_id = $1 AND cancelled_at IS NULL`,
      [bookingId],
    );
    return count > 0;
  }

  async find(bookingId: string): Promise<StoredReceipt | null> {
    const rows = await this.db.query(
      `SELECT number, issued_at, facts, cancelled_at FROM receipts WHERE booking_id = $1
        ORDER BY cancelled_at IS NULL DESC, issued_at DESC LIMIT 1`,
      [bookingId],
    );
    const r = rows[0];
    return r
      ? {
          number: r.number,
          issuedAt: new Date(r.issued_at),
          facts: r.facts,
          cancelledAt: r.cancelled_at ? new Date(r.cancelled_at) : null,
        }
      : null;
  }
}
