import PDFDocument from 'pdfkit';
import { receiptDocument, type ReceiptFacts } from './receipt-facts';

const INK = '#1a1a1a';
const MUTED = '#555555';
const RULE = '#b0b0b0';
const LEFT = 50;
const WIDTH = 495;

/**
 * The receipt as a PDF (A4), drawn from its stored facts with the standard Helvetica, whose WinAnsi
 * encoding has the French accents and the euro sign. The creation date is the date of issue, so the same
 * receipt gives the same file each time.
 */
export function receiptPdf(facts: ReceiptFacts, number: string, issuedAt: Date): Promise<Buffer> {
  const d = receiptDocument(facts, number, issuedAt);
  const pdf = new PDFDocument({
    size: 'A4',
    margin: LEFT,
    lang: 'fr-FR',
    info: {
      Title: d.title,
      Author: facts.seller.name,
      Creator: 'Lieux Partagés',
      CreationDate: issuedAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  pdf.fillColor(INK).font('Helvetica-Bold').fontSize(18).text(d.title, LEFT, 50);
  pdf
    .font('Helvetica')
    .fontSize(9)
    .fillColor(MUTED)
    .text('Lieux Partagés — La Poste et l’économie sociale et solidaire');
  pdf.moveDown(1);
  const top = pdf.y;
  block(pdf, 'Émetteur', d.seller, LEFT, top, 240);
  const sellerBottom = pdf.y;
  block(pdf, 'Client', d.buyer, LEFT + 255, top, 240);
  pdf.y = Math.max(sellerBottom, pdf.y) + 14;
  block(pdf, 'Reçu', d.issued, LEFT, pdf.y, WIDTH);
  pdf.moveDown(1.2);

  // The one line: designation, quantity, unit price before tax, amount before tax.
  const cols = [
    { label: 'Désignation', x: LEFT, w: 255, align: 'left' as const },
    { label: 'Quantité', x: LEFT + 260, w: 60, align: 'right' as const },
    { label: 'Prix unitaire HT', x: LEFT + 325, w: 90, align: 'right' as const },
    { label: 'Montant HT', x: LEFT + 420, w: 75, align: 'right' as const },
  ];
  let y = pdf.y;
  pdf.font('Helvetica-Bold').fontSize(9).fillColor(INK);
  for (const c of cols) pdf.text(c.label, c.x, y, { width: c.w, align: c.align });
  y = pdf.y + 4;
  rule(pdf, y);
  y += 6;
  pdf.font('Helvetica').fontSize(9.5);
  const cells = [d.line.designation, d.line.quantity, d.line.unitPrice, d.line.amount];
  let bottom = y;
  cols.forEach((c, i) => {
    pdf.text(cells[i]!, c.x, y, { width: c.w, align: c.align });
    bottom = Math.max(bottom, pdf.y);
  });
  y = bottom + 6;
  rule(pdf, y);
  y += 10;

  for (const [label, amount] of d.totals) {
    const last = label === 'Net à payer';
    pdf.font(last ? 'Helvetica-Bold' : 'Helvetica').fontSize(last ? 11 : 10);
    pdf.text(label, LEFT + 200, y, { width: 215, align: 'right' });
    pdf.text(amount, LEFT + 420, y, { width: 75, align: 'right' });
    y = pdf.y + 3;
  }
  if (d.vatNote) {
    pdf
      .font('Helvetica-Oblique')
      .fontSize(9.5)
      .text(d.vatNote, LEFT, y + 6, { width: WIDTH, align: 'right' });
    y = pdf.y;
  }
  pdf.y = y + 18;
  pdf.font('Helvetica').fontSize(8.5).fillColor(MUTED);
  for (const line of d.terms) pdf.text(line, LEFT, pdf.y, { width: WIDTH }).moveDown(0.4);
  pdf.end();
  return done;
}

function block(
  pdf: PDFKit.PDFDocument,
  heading: string,
  lines: string[],
  x: number,
  y: number,
  width: number,
) {
  pdf.font('Helvetica-Bold').fontSize(8.5).fillColor(MUTED).text(heading.toUpperCase(), x, y, { width });
  pdf.font('Helvetica').fontSize(10).fillColor(INK);
  for (const line of lines) pdf.text(line, x, pdf.y + 1, { width });
}

function rule(pdf: PDFKit.PDFDocument, y: number) {
  pdf
    .moveTo(LEFT, y)
    .lineTo(LEFT + WIDTH, y)
    .lineWidth(0.6)
    .strokeColor(RULE)
    .stroke();
}
