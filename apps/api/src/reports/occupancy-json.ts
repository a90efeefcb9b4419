import { Readable } from 'node:stream';
import type { OccupancyPieces } from './reports.service';

/**
 * The report's JSON, the same bytes as `JSON.stringify` of the whole report, written piece by piece as the
 * rows arrive. Whole, the national report by space was 48,000 row objects and a 15 MB string alive through
 * the request, and collecting them took more of the API's CPU than building them. The pieces are read as
 * fast as the database gives them, whatever the client's pace: the database connection goes back to the
 * pool then, not when a slow client has read the last byte. A client gone stops the reading.
 */
export function occupancyJson(report: OccupancyPieces): Readable {
  const { rows, totals, ...head } = report;
  const out = new Readable({ read() {} });
  const write = async () => {
    // `head` always holds the scope and the period: never `{}`.
    out.push(`${JSON.stringify(head).slice(0, -1)},"rows":[`);
    let separator = '';
    for await (const piece of rows) {
      if (out.destroyed) break;
      if (piece.length === 0) continue;
      // One call for the piece, its brackets dropped: a call per row and a join took twice as long.
      out.push(separator + JSON.stringify(piece).slice(1, -1));
      separator = ',';
    }
    if (out.destroyed) return;
    out.push(`],"totals":${JSON.stringify(totals)}}`);
    out.push(null);
  };
  write().catch((err: Error) => out.destroy(err));
  return out;
}
