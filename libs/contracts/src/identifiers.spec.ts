import fc from 'fast-check';
import { checkRna, checkSiren, checkSiret, luhnValid, Siret } from './identifiers';

const digitSum = (s: string) => [...s].reduce((a, c) => a + Number(c), 0);

/** Completes 13 digits with the Luhn check digit. */
function withLuhn(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error('unreachable');
}

describe('SIRET', () => {
  it.each([
    '35600000000048',
    '81234567600017',
    '45213789600018',
    '732 829 320 00074',
    '732.829.320.00074',
    '73282932000074',
  ])('accepts %s', (siret) => {
    expect(checkSiret(siret)).toMatchObject({ valid: true });
  });

  it('accepts La Poste establishments that fail Luhn when their digits add up to a multiple of 5', () => {
    // 35600000049526: digit sum 35, and Luhn fails.
    expect(luhnValid('35600000049526')).toBe(false);
    expect(digitSum('35600000049526') % 5).toBe(0);
    expect(checkSiret('35600000049526')).toEqual({
      valid: true,
      siret: '35600000049526',
      siren: '356000000',
    });
    // Same shape, sum 36: refused.
    expect(checkSiret('35600000049527')).toMatchObject({ valid: false, reason: 'BAD_CHECKSUM' });
  });

  it.each([
    ['', 'EMPTY', /obligatoire/],
    ['8123456760001', 'WRONG_LENGTH', /14 chiffres ; vous en avez saisi 13/],
    ['812345676000170', 'WRONG_LENGTH', /saisi 15/],
    ['8123456760001A', 'NOT_DIGITS', /que des chiffres/],
    ['81234567600018', 'BAD_CHECKSUM', /clé de contrôle/],
  ])('refuses %p with %s and a message that says what is wrong', (siret, reason, message) => {
    const c = checkSiret(siret);
    expect(c).toMatchObject({ valid: false, reason });
    expect(!c.valid && c.message).toMatch(message);
  });

  const validSiret = fc
    .stringMatching(/^[1-9]\d{12}$/)
    .filter((b) => !b.startsWith('356000000'))
    .map(withLuhn);

  it('finds every single wrong digit (property)', () => {
    fc.assert(
      fc.property(validSiret, fc.nat(13), fc.integer({ min: 1, max: 9 }), (siret, at, shift) => {
        const wrong = siret.slice(0, at) + ((Number(siret[at]) + shift) % 10) + siret.slice(at + 1);
        expect(checkSiret(wrong).valid).toBe(false);
      }),
    );
  });

  it('finds swapped neighbours unless they are 0 and 9 (property)', () => {
    fc.assert(
      fc.property(validSiret, fc.nat(12), (siret, at) => {
        const [a, b] = [siret[at], siret[at + 1]];
        fc.pre(a !== b && !(a + b === '09' || a + b === '90'));
        const swapped = siret.slice(0, at) + b + a + siret.slice(at + 2);
        expect(checkSiret(swapped).valid).toBe(false);
      }),
    );
  });

  it('never throws, and is valid exactly by the rule (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.stringMatching(/^\d{14}$/), fc.stringMatching(/^356000000\d{5}$/)),
        (input) => {
          const c = checkSiret(input);
          const d = input.replace(/[\s.\u00a0\u202f]/g, '');
          const expected =
            /^\d{14}$/.test(d) && (luhnValid(d) || (d.startsWith('356000000') && digitSum(d) % 5 === 0));
          expect(c.valid).toBe(expected);
        },
      ),
    );
  });

  it('parses a typed SIRET to its 14 digits, with French errors', () => {
    expect(Siret.parse('356 000 000 00048')).toBe('35600000000048');
    const r = Siret.safeParse('356 000 000 0004');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toMatch(/14 chiffres/);
  });
});

describe('SIREN', () => {
  it('accepts La Poste and a Luhn-valid number, refuses a wrong one', () => {
    expect(checkSiren('356000000')).toEqual({ valid: true, siren: '356000000' });
    expect(checkSiren('732829320')).toMatchObject({ valid: true });
    expect(checkSiren('732829321')).toMatchObject({ valid: false, reason: 'BAD_CHECKSUM' });
    expect(checkSiren('73282932')).toMatchObject({ valid: false, reason: 'WRONG_LENGTH' });
  });
});

describe('RNA', () => {
  it.each(['W751234567', ' w751234567 '])('accepts %p', (rna) => {
    expect(checkRna(rna)).toEqual({ valid: true, rna: 'W751234567' });
  });

  it.each(['', 'W75123456', 'X751234567', 'W75123456A', 'W7512345678'])('refuses %p', (rna) => {
    expect(checkRna(rna).valid).toBe(false);
  });
});
