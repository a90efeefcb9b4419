import { describe, expect, it } from 'vitest';
import { formatDate, formatMoney, formatTime, formatTimeRange } from '@lieux/scheduling';
import { fromWallClock, toWallClock } from './wall-clock';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('French formatting in the site zone', () => {
  it('formats a date as "mardi 3 mars 2026"', () => {
    expect(formatDate('2026-03-03T14:30:00+01:00', 'Europe/Paris')).toBe('mardi 3 mars 2026');
  });

  it('formats a time as "14 h 30" in the site zone, whatever the instant offset', () => {
    expect(formatTime('2026-03-03T13:30:00Z', 'Europe/Paris')).toBe('14 h 30');
    expect(formatTime('2026-03-03T13:30:00Z', 'America/Cayenne')).toBe('10 h 30');
    expect(formatTime('2026-03-03T08:05:00+01:00', 'Europe/Paris')).toBe('8 h 05');
  });

  it('uses the day of the site, not of the browser, near midnight', () => {
    expect(formatDate('2026-03-03T23:30:00Z', 'Europe/Paris')).toBe('mercredi 4 mars 2026');
    expect(formatDate('2026-03-04T02:00:00Z', 'Indian/Reunion')).toBe('mercredi 4 mars 2026');
  });

  it('formats money as "12,50 €"', () => {
    expect(nbsp(formatMoney(1250))).toBe('12,50 €');
    expect(nbsp(formatMoney(150000))).toBe('1 500,00 €');
    expect(formatMoney(1250, 'en')).toBe('€12.50');
  });

  it('formats in English when asked', () => {
    expect(formatDate('2026-03-03T14:30:00+01:00', 'Europe/Paris', 'en')).toMatch(/^Tuesday,? 3 March 2026$/);
    expect(formatTimeRange('2026-03-03T13:30:00Z', '2026-03-03T15:00:00Z', 'Europe/Paris', 'en')).toBe(
      '14:30 – 16:00',
    );
  });

  it('keeps local hours across the spring daylight-saving change (Sunday 29 March 2026)', () => {
    // 09:00 local is 08:00Z before the change and 07:00Z after it.
    expect(formatTime('2026-03-28T08:00:00Z', 'Europe/Paris')).toBe('9 h 00');
    expect(formatTime('2026-03-30T07:00:00Z', 'Europe/Paris')).toBe('9 h 00');
    expect(formatDate('2026-03-29T12:00:00Z', 'Europe/Paris')).toBe('dimanche 29 mars 2026');
    expect(fromWallClock('2026-03-30', '09:00', 'Europe/Paris')).toBe('2026-03-30T09:00:00+02:00');
    expect(fromWallClock('2026-03-27', '09:00', 'Europe/Paris')).toBe('2026-03-27T09:00:00+01:00');
  });

  it('moves a wall time inside the spring gap forward, and keeps the earlier of an autumn repeat', () => {
    expect(fromWallClock('2026-03-29', '02:30', 'Europe/Paris')).toBe('2026-03-29T03:30:00+02:00');
    expect(fromWallClock('2026-10-25', '02:30', 'Europe/Paris')).toBe('2026-10-25T02:30:00+02:00');
  });

  it('reads the wall clock of an instant in the site zone', () => {
    expect(toWallClock('2026-10-26T09:30:00Z', 'Europe/Paris')).toEqual({
      date: '2026-10-26',
      time: '10:30',
    });
    expect(toWallClock('2026-10-24T09:30:00Z', 'Europe/Paris')).toEqual({
      date: '2026-10-24',
      time: '11:30',
    });
  });
});
