import {
  euros,
  receiptDocument,
  receiptFacts,
  type ReceiptConfig,
  type ReceiptSource,
} from './receipt-facts';

const config: ReceiptConfig = {
  prefix: 'LP',
  seller: {
    name: 'La Poste',
    address: '9 rue du Colonel Pierre Avia, 75015 Paris',
    siret: '35600000000048',
    vatNumber: 'FR39356000000',
    legal: 'Société anonyme, RCS Paris 356 000 000',
  },
  vatPercent: 20,
  vatExemption: 'TVA non applicable, art. 293 B du CGI',
  paymentDays: 30,
  paymentTerms: 'Règlement par virement bancaire.',
};

// 2 h 30 at 15 €/h, less 50 % for an association: 18,75 € to pay.
const source: ReceiptSource = {
  title: 'Assemblée générale',
  // The day after the spring change: 09:00 in Paris is 07:00 UTC.
  start: '2026-03-30T07:00:00.000Z',
  end: '2026-03-30T09:30:00.000Z',
  timeZone: 'Europe/Paris',
  spaceName: 'Salle Garrigue',
  siteName: 'La Poste Montpellier Rondelet',
  siteAddress: '13 place Rondelet, 34000 Montpellier',
  listPriceCents: 3750,
  discountPercent: 50,
  discountBasis: 'association',
  priceCents: 1875,
  buyer: { name: 'Ressourcerie du Lez', address: '2 rue du Lez, 34000 Montpellier', siret: '44306184100047' },
};

const plain = (s: string) => s.replace(/\u00a0/g, ' ');

describe('receipt facts', () => {
  it('draws the amounts before tax from the price paid, to the cent', () => {
    const f = receiptFacts(source, config);
    expect(f).toMatchObject({
      minutes: 150,
      unitPriceExclCents: 1250,
      grossExclCents: 3125,
      discountPercent: 50,
      discountLabel: 'Association',
      discountExclCents: 1562,
      totalExclCents: 1563,
      vatCents: 312,
      totalInclCents: 1875,
      vatExemption: null,
    });
    expect(f.grossExclCents - f.discountExclCents).toBe(f.totalExclCents);
    expect(f.totalExclCents + f.vatCents).toBe(source.priceCents);
  });

  it('names the service with its day and hours in the site’s zone', () => {
    expect(receiptFacts(source, config).designation).toBe(
      'Mise à disposition de l’espace « Salle Garrigue », La Poste Montpellier Rondelet, 13 place Rondelet, 34000 Montpellier, le lundi 30 mars 2026 de 9 h 00 à 11 h 30 (heure locale du site)',
    );
  });

  it('prints the VAT exemption instead of a tax line when the seller charges none', () => {
    const f = receiptFacts(
      { ...source, discountPercent: 0, discountBasis: null, priceCents: 3750 },
      {
        ...config,
        vatPercent: 0,
      },
    );
    expect(f).toMatchObject({ totalExclCents: 3750, vatCents: 0, discountExclCents: 0, discountLabel: null });
    const d = receiptDocument(f, 'LP-2026-000001', new Date('2026-03-02T10:00:00Z'));
    expect(d.totals.map(([label]) => label)).toEqual([
      'Montant brut HT',
      'Total HT',
      'Total TTC',
      'Net à payer',
    ]);
    expect(d.vatNote).toBe('TVA non applicable, art. 293 B du CGI');
  });

  it('writes the mentions of a French invoice, dated in the issuer’s zone', () => {
    // 23:30 UTC on 31 December is already 1 January in Paris.
    const d = receiptDocument(
      receiptFacts(source, config),
      'LP-2027-000001',
      new Date('2026-12-31T23:30:00Z'),
    );
    expect(d.issued.map(plain)).toEqual([
      'Numéro : LP-2027-000001',
      'Date d’émission : 1 janvier 2027',
      'Date d’échéance : 31 janvier 2027',
      'Opération : prestation de services',
    ]);
    expect(d.seller).toContain('SIRET : 356 000 000 00048');
    expect(d.seller).toContain('N° de TVA intracommunautaire : FR39356000000');
    expect(d.buyer).toEqual([
      'Ressourcerie du Lez',
      '2 rue du Lez, 34000 Montpellier',
      'SIRET : 443 061 841 00047',
      'SIREN : 443 061 841',
    ]);
    expect(d.line.designation).toMatch(/^Mise à disposition .* Réservation « Assemblée générale »\.$/);
    expect([d.line.quantity, d.line.unitPrice, d.line.amount].map(plain)).toEqual([
      '2,5 h',
      '12,50 € HT / h',
      '31,25 €',
    ]);
    expect(d.totals.map(([l, a]) => `${plain(l)} ${plain(a)}`)).toEqual([
      'Montant brut HT 31,25 €',
      'Remise solidaire 50 % (Association) -15,62 €',
      'Total HT 15,63 €',
      'TVA 20 % 3,12 €',
      'Total TTC 18,75 €',
      'Net à payer 18,75 €',
    ]);
    const terms = d.terms.join(' ');
    expect(plain(terms)).toContain('à régler au plus tard le 31 janvier 2027 (30 jours après l’émission)');
    expect(terms).toContain('Pas d’escompte pour paiement anticipé.');
    expect(terms).toContain('indemnité forfaitaire pour frais de recouvrement de 40 €');
  });

  it('formats euros the French way with spaces a PDF font can draw', () => {
    expect(euros(123450)).toBe('1\u00a0234,50\u00a0€');
  });
});
