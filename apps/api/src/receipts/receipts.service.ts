import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { receiptFacts } from './receipt-facts';
import { receiptPdf } from './receipt-pdf';
import { ReceiptsRepository } from './receipts.repository';

/** A receipt's PDF, named as it is downloaded or attached. */
export interface ReceiptFile {
  number: string;
  filename: string;
  content: Buffer;
}

/**
 * Receipts of paid bookings: issued in the transaction that confirms a booking (made confirmed, or
 * approved), never changed after, drawn as a PDF from what was frozen at the issue.
 */
@Injectable()
export class ReceiptsService {
  constructor(
    private readonly receipts: ReceiptsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Issues the receipt of a booking that has just become confirmed, in `em`'s transaction; nothing for
   * a free booking, one not confirmed or one that has its receipt already.
   */
  async issue(em: EntityManager, bookingId: string): Promise<{ number: string; issuedAt: string } | null> {
    const source = await this.receipts.source(em, bookingId);
    if (!source) return null;
    const facts = receiptFacts(source, this.config.receipts);
    const r = await this.receipts.issue(em, bookingId, this.config.receipts.prefix, facts);
    return { number: r.number, issuedAt: r.issuedAt.toISOString() };
  }

  /** Called in the transaction that cancels a booking: its receipt, if any, stays, marked cancelled. */
  async markCancelled(em: EntityManager, bookingId: string): Promise<void> {
    await this.receipts.markCancelled(em, bookingId);
  }

  /**
   * Called in the transaction that moves or reprices a booking: a receipt issued for the old terms is
   * marked cancelled, and the booking, if still confirmed, gets a new one with the next number. A
   * booking that had none (free, pending) gets none here; its confirmation issues it.
   */
  async reissue(em: EntityManager, bookingId: string): Promise<void> {
    if (await this.receipts.markCancelled(em, bookingId)) await this.issue(em, bookingId);
  }

  /** The PDF of the booking's receipt; null when it has none. */
  async file(bookingId: string): Promise<ReceiptFile | null> {
    const r = await this.receipts.find(bookingId);
    if (!r) return null;
    return {
      number: r.number,
      filename: `recu-${r.number}.pdf`,
      content: await receiptPdf(r.facts, r.number, r.issuedAt),
    };
  }
}
