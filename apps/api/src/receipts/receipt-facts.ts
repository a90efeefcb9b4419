import { Temporal } from 'temporal-polyfill';
import { formatDate, formatTime } from '@lieux/scheduling';

/** The issuer of the receipts and its terms, from the configuration (README: `RECEIPT_*`). */
export interface ReceiptConfig {
  /** The first part of every number: `LP` in `LP-2026-000123`. */
  prefix: string;
  seller: Party & { vatNumber: string; legal: string };
  /** Percent of VAT included in the bookings' prices; 0 when the seller does not charge it. */
  vatPercent: number;
  /** The mention printed instead of the VAT when `vatPercent` is 0 (its legal basis). */
  vatExemption: string;
  paymentDays: number;
  paymentTerms: string;
}

export interface Party {
  name: string;
  /** Street, postcode and town, on one line. */
  address: string;
  siret: string;
}

/** What the issue reads of the booking, its organisation and its site. */
export interface ReceiptSource {
  title: string;
  start: string;
  end: string;
  timeZone: string;
  spaceName: string;
  siteName: string;
  siteAddress: string;
  listPriceCents: number;
  discountPercent: number;
  discountBasis: string | null;
  priceCents: number;
  buyer: Party;
}

/**
 * Everything a receipt says, frozen when it is issued (stored as JSON beside its number and date): the
 * PDF is drawn from these alone, so it reads the same every time, whatever changes later to the
 * organisation, the site, the prices or the configuration.
 */
export interface ReceiptFacts {
  seller: ReceiptConfig['seller'];
  buyer: Party;
  /** The service, in words, with its date and hours in the site's zone. */
  designation: string;
  title: string;
  minutes: number;
  unitPriceExclCents: number;
  grossExclCents: number;
  discountPercent: number;
  /** Why the discount applies, in words (`Association`, `Agrément ESUS`). */
  discountLabel: string | null;
  discountExclCents: number;
  totalExclCents: number;
  vatPercent: number;
  vatCents: number;
  totalInclCents: number;
  vatExemption: string | null;
  paymentDays: number;
  paymentTerms: string;
}

const DISCOUNT_LABELS: Record<string, string> = {
  association: 'Association',
  scop: 'SCOP',
  scic: 'SCIC',
  cae: 'CAE',
  cooperative: 'Coopérative',
  mutual: 'Mutuelle',
  foundation: 'Fondation',
  esus_company: 'Entreprise agréée ESUS',
  ess_company: 'Entreprise commerciale de l’ESS',
  esus: 'Agrément ESUS',
};

/**
 * The amounts of a receipt. The booking's price is what the organisation pays, VAT included: the amounts
 * before tax are drawn from it (rounded to the cent), so that the total to pay is the price it was shown.
 * The gross amount less the discount is the total before tax, to the cent.
 */
export function receiptFacts(source: ReceiptSource, config: ReceiptConfig): ReceiptFacts {
  const minutes = Math.round((Date.parse(source.end) - Date.parse(source.start)) / 60_000);
  const excl = (cents: number) => Math.round((cents * 100) / (100 + config.vatPercent));
  const totalExclCents = excl(source.priceCents);
  const grossExclCents = Math.max(excl(source.listPriceCents), totalExclCents);
  const discounted = source.discountPercent > 0 && grossExclCents > totalExclCents;
  return {
    seller: config.seller,
    buyer: source.buyer,
    designation: designation(source),
    title: source.title,
    minutes,
    unitPriceExclCents: Math.round((grossExclCents * 60) / minutes),
    grossExclCents,
    discountPercent: discounted ? source.discountPercent : 0,
    discountLabel:
      discounted && source.discountBasis
        ? (DISCOUNT_LABELS[source.discountBasis] ?? source.discountBasis)
        : null,
    discountExclCents: grossExclCents - totalExclCents,
    totalExclCents,
    vatPercent: config.vatPercent,
    vatCents: source.priceCents - totalExclCents,
    totalInclCents: source.priceCents,
    vatExemption: config.vatPercent === 0 ? config.vatExemption : null,
    paymentDays: config.paymentDays,
    paymentTerms: config.paymentTerms,
  };
}

function designation(s: ReceiptSource): string {
  const day = formatDate(s.start, s.timeZone);
  const hours = `de ${formatTime(s.start, s.timeZone)} à ${formatTime(s.end, s.timeZone)}`;
  return `Mise à disposition de l’espace « ${s.spaceName} », ${s.siteName}, ${s.siteAddress}, le ${day} ${hours} (heure locale du site)`;
}

/** `LP-2026-000123` */
export function receiptNumber(prefix: string, year: number, sequence: number): string {
  return `${prefix}-${year}-${String(sequence).padStart(6, '0')}`;
}

/** The issuer's zone: the dates of issue and of payment, and the year a number belongs to. */
export const ISSUER_ZONE = 'Europe/Paris';

/** `1 234,50 €`, with the spaces a PDF's standard fonts can draw (no narrow no-break space). */
export function euros(cents: number): string {
  const n = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);
  return n.replace(/\u202f/g, '\u00a0');
}

/** `2,5 h` */
export function hours(minutes: number): string {
  return `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(minutes / 60)} h`;
}

/** `5,5 %` */
export function percent(value: number): string {
  return `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(value)}\u00a0%`;
}

/** `3 mars 2026` in the issuer's zone. */
export function issuerDate(instant: Date, plusDays = 0): string {
  const day = Temporal.Instant.fromEpochMilliseconds(instant.getTime())
    .toZonedDateTimeISO(ISSUER_ZONE)
    .toPlainDate()
    .add({ days: plusDays });
  return new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(day.year, day.month - 1, day.day)))
    .replace(/\u202f/g, '\u00a0');
}

/** `356 000 000 00048` */
export function spacedSiret(siret: string): string {
  return siret.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1 $2 $3 $4');
}

/** The lines of a receipt, in French, as the PDF writes them. */
export interface ReceiptDocument {
  title: string;
  issued: string[];
  seller: string[];
  buyer: string[];
  line: { designation: string; quantity: string; unitPrice: string; amount: string };
  totals: [string, string][];
  vatNote: string | null;
  terms: string[];
}

export function receiptDocument(facts: ReceiptFacts, number: string, issuedAt: Date): ReceiptDocument {
  const f = facts;
  const totals: [string, string][] = [['Montant brut HT', euros(f.grossExclCents)]];
  if (f.discountExclCents > 0) {
    const why = f.discountLabel ? ` (${f.discountLabel})` : '';
    // A hyphen for the minus: the standard fonts' encoding has no U+2212.
    totals.push([`Remise solidaire ${percent(f.discountPercent)}${why}`, `-${euros(f.discountExclCents)}`]);
  }
  totals.push(['Total HT', euros(f.totalExclCents)]);
  if (f.vatExemption === null) totals.push([`TVA ${percent(f.vatPercent)}`, euros(f.vatCents)]);
  totals.push(['Total TTC', euros(f.totalInclCents)], ['Net à payer', euros(f.totalInclCents)]);
  return {
    title: `Reçu n° ${number}`,
    issued: [
      `Numéro : ${number}`,
      `Date d’émission : ${issuerDate(issuedAt)}`,
      `Date d’échéance : ${issuerDate(issuedAt, f.paymentDays)}`,
      'Opération : prestation de services',
    ],
    seller: [
      f.seller.name,
      f.seller.address,
      f.seller.legal,
      `SIRET : ${spacedSiret(f.seller.siret)}`,
      `N° de TVA intracommunautaire : ${f.seller.vatNumber}`,
    ].filter(Boolean),
    buyer: [
      f.buyer.name,
      f.buyer.address,
      `SIRET : ${spacedSiret(f.buyer.siret)}`,
      `SIREN : ${spacedSiret(f.buyer.siret).slice(0, 11)}`,
    ].filter(Boolean),
    line: {
      designation: `${f.designation}. Réservation « ${f.title} ».`,
      quantity: hours(f.minutes),
      unitPrice: `${euros(f.unitPriceExclCents)} HT / h`,
      amount: euros(f.grossExclCents),
    },
    totals,
    vatNote: f.vatExemption,
    terms: [
      `Conditions de paiement : à régler au plus tard le ${issuerDate(issuedAt, f.paymentDays)} (${f.paymentDays} jours après l’émission). ${f.paymentTerms}`,
      'Pas d’escompte pour paiement anticipé.',
      'En cas de retard de paiement : pénalités au taux d’intérêt appliqué par la Banque centrale européenne à son opération de refinancement la plus récente, majoré de 10 points (art. L. 441-10 du Code de commerce), et, pour les professionnels, indemnité forfaitaire pour frais de recouvrement de 40 € (art. D. 441-5).',
    ],
  };
}
