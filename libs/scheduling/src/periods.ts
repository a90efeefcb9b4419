/**
 * Half-open periods `[start, end)` in epoch milliseconds. All domain arithmetic on time happens on these;
 * conversion to and from wall-clock time lives in opening-hours.ts.
 */
export interface Period {
  start: number;
  end: number;
}

export function isEmpty(p: Period): boolean {
  return p.end <= p.start;
}

/** Whether two periods share an instant; an empty period shares none. */
export function overlaps(a: Period, b: Period): boolean {
  return a.start < b.end && b.start < a.end && !isEmpty(a) && !isEmpty(b);
}

export function contains(outer: Period, inner: Period): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

export function duration(periods: readonly Period[]): number {
  return periods.reduce((sum, p) => sum + Math.max(0, p.end - p.start), 0);
}

/** Sorted, non-empty, non-overlapping, and touching periods joined. */
export function normalize(periods: readonly Period[]): Period[] {
  const sorted = periods.filter((p) => !isEmpty(p)).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Period[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last && p.start <= last.end) last.end = Math.max(last.end, p.end);
    else out.push({ start: p.start, end: p.end });
  }
  return out;
}

/** What of `from` is not covered by `remove`. */
export function subtract(from: readonly Period[], remove: readonly Period[]): Period[] {
  const cuts = normalize(remove);
  const out: Period[] = [];
  for (const p of normalize(from)) {
    let cursor = p.start;
    for (const c of cuts) {
      if (c.end <= cursor) continue;
      if (c.start >= p.end) break;
      if (c.start > cursor) out.push({ start: cursor, end: c.start });
      cursor = Math.max(cursor, c.end);
      if (cursor >= p.end) break;
    }
    if (cursor < p.end) out.push({ start: cursor, end: p.end });
  }
  return out;
}

export function intersect(a: readonly Period[], b: readonly Period[]): Period[] {
  const x = normalize(a);
  const y = normalize(b);
  const out: Period[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const start = Math.max(x[i].start, y[j].start);
    const end = Math.min(x[i].end, y[j].end);
    if (start < end) out.push({ start, end });
    if (x[i].end < y[j].end) i++;
    else j++;
  }
  return out;
}
