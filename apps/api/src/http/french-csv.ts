import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null;

/**
 * A table as a French spreadsheet reads it: UTF-8 with BOM, `;` between fields, CRLF between rows, decimal
 * comma. Text comes from people (a site's name, a reason): one starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return is written behind a quote so that a spreadsheet shows it rather than runs it (OWASP's
 * CSV injection advice). Numbers stay numbers until they are written, so that a minus sign on a number is
 * left alone; `decimals(column)` says how many decimals each numeric column shows.
 */
export function frenchCsv(
  columns: string[],
  rows: CsvCell[][],
  decimals: (column: number) => number = () => 0,
): string {
  return stringify(rows, {
    bom: true,
    delimiter: ';',
    record_delimiter: '\r\n',
    header: true,
    columns,
    escape_formulas: true,
    // csv-stringify quotes only the record delimiter itself: a lone line break in a name must not split a row.
    quoted_match: /[\r\n]/,
    cast: {
      number: (value, { index }) => value.toFixed(decimals(index)).replace('.', ','),
    },
  });
}

/** CSV when the client prefers it to JSON (a plain `Accept: text/csv`, or ranked above JSON). */
export function wantsCsv(accept: string | undefined): boolean {
  if (!accept) return false;
  const rank = (type: string) =>
    accept
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([t]) => t.trim() === type)
      .map(([, ...params]) => {
        const qp = params.find((p) => p.trim().startsWith('q='));
        return qp ? Number(qp.trim().slice(2)) : 1;
      })[0] ?? 0;
  return rank('text/csv') > 0 && rank('text/csv') >= rank('application/json');
}
