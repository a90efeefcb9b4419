import { describe, expect, it } from 'vitest';
import { slotFromParams, spacePathWithSlot, withoutSlot } from './slot-params';

describe('a slot in a space page’s address', () => {
  it('goes there and back', () => {
    const slot = { date: '2026-12-08', startTime: '10:00', endTime: '11:30', wait: false };
    const path = spacePathWithSlot('/espaces/abc', slot);
    expect(path).toBe('/espaces/abc?date=2026-12-08&debut=10%3A00&fin=11%3A30');
    expect(slotFromParams(new URL(path, 'https://x.example').searchParams)).toEqual(slot);
  });

  it('says when it is for the waiting list', () => {
    const path = spacePathWithSlot('/espaces/abc', {
      date: '2026-12-08',
      startTime: '14:00',
      endTime: '16:00',
      wait: true,
    });
    expect(path).toContain('attente=oui');
    expect(slotFromParams(new URL(path, 'https://x.example').searchParams)?.wait).toBe(true);
  });

  it('accepts a slot up to midnight', () => {
    expect(slotFromParams(new URLSearchParams('date=2026-12-08&debut=22:00&fin=00:00'))).not.toBeNull();
  });

  it.each([
    'date=2026-12-08&debut=10:00',
    'date=08/12/2026&debut=10:00&fin=11:00',
    'date=2026-12-08&debut=10h&fin=11:00',
    'date=2026-12-08&debut=11:00&fin=10:00',
    'date=2026-12-08&debut=25:00&fin=26:00',
  ])('ignores %s', (query) => {
    expect(slotFromParams(new URLSearchParams(query))).toBeNull();
  });

  it('is taken out of the query, leaving the rest', () => {
    expect(withoutSlot(new URLSearchParams('date=2026-12-08&debut=10:00&fin=11:00&x=1')).toString()).toBe(
      'x=1',
    );
  });
});
