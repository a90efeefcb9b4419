import { describe, expect, it } from 'vitest';
import { returnPathOf, safeReturnPath, withReturn } from './return-path';

const ORIGIN = 'https://lieux.example';

describe('return targets after signing in', () => {
  it('keep a path of this site with its query and hash', () => {
    expect(safeReturnPath('/espaces/abc?date=2026-12-08&debut=10:00&fin=11:00', ORIGIN)).toBe(
      '/espaces/abc?date=2026-12-08&debut=10:00&fin=11:00',
    );
    expect(safeReturnPath('/mes-reservations#a', ORIGIN)).toBe('/mes-reservations#a');
  });

  it.each([
    ['https://evil.example/'],
    ['//evil.example/x'],
    ['/\\evil.example'],
    ['/\t/evil.example'],
    ['/\n/evil.example'],
    ['javascript:alert(1)'],
    ['espaces'],
    [''],
    [null],
    [`/${'a'.repeat(2001)}`],
  ])('refuse %j', (raw) => {
    expect(safeReturnPath(raw, ORIGIN)).toBeNull();
  });

  it('travel in the `retour` parameter, encoded, and are read back only when safe', () => {
    const link = withReturn('/connexion', '/espaces/abc?date=2026-12-08&debut=10:00');
    expect(link).toBe('/connexion?retour=%2Fespaces%2Fabc%3Fdate%3D2026-12-08%26debut%3D10%3A00');
    expect(returnPathOf(new URL(link, window.location.origin).searchParams)).toBe(
      '/espaces/abc?date=2026-12-08&debut=10:00',
    );
    expect(withReturn('/connexion', 'https://evil.example/')).toBe('/connexion');
    expect(returnPathOf(new URLSearchParams('retour=//evil.example'))).toBeNull();
  });
});
