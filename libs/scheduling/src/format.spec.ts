import { formatDate, formatMoney, formatTime } from './format';

const nbsp = /[\u00a0\u202f]/g;

describe('French formats', () => {
  it('writes dates the French way, in the site’s zone', () => {
    expect(formatDate('2026-03-03T13:30:00Z', 'Europe/Paris')).toBe('mardi 3 mars 2026');
    // 23:30 UTC on Monday is already Tuesday in Paris.
    expect(formatDate('2026-03-02T23:30:00Z', 'Europe/Paris')).toBe('mardi 3 mars 2026');
  });

  it('writes times as 14 h 30, across daylight saving', () => {
    expect(formatTime('2026-03-03T13:30:00Z', 'Europe/Paris')).toBe('14 h 30');
    expect(formatTime('2026-03-31T07:00:00Z', 'Europe/Paris')).toBe('9 h 00');
    expect(formatTime('2026-03-31T07:00:00Z', 'Europe/Paris', 'en')).toBe('09:00');
  });

  it('writes money as 12,50 €', () => {
    expect(formatMoney(1250).replace(nbsp, ' ')).toBe('12,50 €');
    expect(formatMoney(0).replace(nbsp, ' ')).toBe('0,00 €');
  });
});
