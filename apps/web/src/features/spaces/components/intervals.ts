/** Half-open intervals `[start, end)` in epoch milliseconds, for drawing the calendar. */
export interface Span {
  start: number;
  end: number;
}

export const toSpan = (i: { start: string; end: string }): Span => ({
  start: Date.parse(i.start),
  end: Date.parse(i.end),
});

/** What of `from` is not covered by `remove` (both lists sorted or not). */
export function subtractSpans(from: readonly Span[], remove: readonly Span[]): Span[] {
  const cuts = [...remove].sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const p of [...from].sort((a, b) => a.start - b.start)) {
    let cursor = p.start;
    for (const c of cuts) {
      if (c.end <= cursor || c.start >= p.end) continue;
      if (c.start > cursor) out.push({ start: cursor, end: c.start });
      cursor = Math.max(cursor, c.end);
    }
    if (cursor < p.end) out.push({ start: cursor, end: p.end });
  }
  return out;
}

export const containedIn = (outer: readonly Span[], inner: Span) =>
  outer.some((o) => o.start <= inner.start && inner.end <= o.end);
