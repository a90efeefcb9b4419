import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import fc from 'fast-check';
import { z } from './common';
import { checkRna, checkSiren, checkSiret, luhnValid, normaliseSiret, Rna, Siret } from './identifiers';
import { buildOpenApiDocument } from './openapi';

const LA_POSTE = '356000000';
const digitSum = (s: string) => [...s].reduce((a, c) => a + Number(c), 0);

/** Completes a body with the Luhn check digit. */
function withLuhn(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error('unreachable');
}

/** The rule of the issue, written independently of the implementation. */
function oracle(input: string): boolean {
  const d = input.replace(/[ .\t\n\r\v\f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/g, '');
  return /^\d{14}$/.test(d) && (luhnValid(d) || (d.startsWith(LA_POSTE) && digitSum(d) % 5 === 0));
}

/** Every La Poste SIRET (100 000 NICs), sorted by what lets it through. */
function laPosteSirets() {
  const bySumOnly: string[] = [];
  const byLuhnOnly: string[] = [];
  const byBoth: string[] = [];
  const byNeither: string[] = [];
  for (let nic = 0; nic < 100_000; nic++) {
    const siret = LA_POSTE + String(nic).padStart(5, '0');
    const [luhn, sum] = [luhnValid(siret), digitSum(siret) % 5 === 0];
    (luhn ? (sum ? byBoth : byLuhnOnly) : sum ? bySumOnly : byNeither).push(siret);
  }
  return { bySumOnly, byLuhnOnly, byBoth, byNeither };
}

const nonLaPosteValidSiret = fc
  .stringMatching(/^\d{13}$/)
  .filter((b) => !b.startsWith(LA_POSTE))
  .map(withLuhn);

describe('luhnValid', () => {
  it.each([
    ['79927398713', true],
    ['79927398710', false],
    ['0', true],
    ['', false],
    ['12a4', false],
    ['１２３', false],
  ])('%p → %p', (digits, expected) => {
    expect(luhnValid(digits)).toBe(expected);
  });
});

describe('SIRET: valid numbers', () => {
  it('accepts the La Poste head office, which passes Luhn although its digits add up to 26', () => {
    expect(luhnValid('35600000000048')).toBe(true);
    expect(digitSum('35600000000048')).toBe(26);
    expect(checkSiret('35600000000048')).toEqual({
      valid: true,
      siret: '35600000000048',
      siren: '356000000',
    });
  });

  // Checked by hand: 35600000049526 sums to 40, its Luhn sum is 42; 35600000001005 sums to 20, Luhn 21.
  it.each(['35600000049526', '35600000001005'])(
    'accepts La Poste establishment %s, which fails Luhn but sums to a multiple of 5',
    (siret) => {
      expect(luhnValid(siret)).toBe(false);
      expect(digitSum(siret) % 5).toBe(0);
      expect(checkSiret(siret)).toEqual({ valid: true, siret, siren: LA_POSTE });
    },
  );

  it('accepts exactly the La Poste SIRETs that pass Luhn or sum to a multiple of 5 (all 100 000)', () => {
    const { bySumOnly, byLuhnOnly, byBoth, byNeither } = laPosteSirets();
    expect([bySumOnly.length, byLuhnOnly.length, byBoth.length, byNeither.length]).toEqual([
      18_000, 8_000, 2_000, 72_000,
    ]);
    expect(bySumOnly).toEqual(expect.arrayContaining(['35600000049526', '35600000001005']));
    expect(byLuhnOnly).toContain('35600000000048');
    const refused = [...bySumOnly, ...byLuhnOnly, ...byBoth].filter((siret) => !checkSiret(siret).valid);
    const accepted = byNeither.filter((siret) => {
      const c = checkSiret(siret);
      return c.valid || c.reason !== 'BAD_CHECKSUM';
    });
    expect({ refused, accepted }).toEqual({ refused: [], accepted: [] });
  });

  it.each(['81234567600017', '45213789600018', '73282932000074'])(
    'accepts %s from the demo data (Luhn)',
    (siret) => {
      expect(luhnValid(siret)).toBe(true);
      expect(checkSiret(siret)).toEqual({ valid: true, siret, siren: siret.slice(0, 9) });
    },
  );

  it('accepts any Luhn-valid SIRET (property)', () => {
    fc.assert(
      fc.property(nonLaPosteValidSiret, (siret) => {
        expect(checkSiret(siret)).toEqual({ valid: true, siret, siren: siret.slice(0, 9) });
      }),
    );
  });

  it.each([
    '356 000 000 00048',
    ' 35600000000048 ',
    '356.000.000.00048',
    '356\u00a0000\u00a0000\u00a000048',
    '356\u202f000\u202f000\u202f00048',
    '356 000.000\u00a000048',
  ])('accepts %p and gives back the 14 digits', (typed) => {
    expect(normaliseSiret(typed)).toBe('35600000000048');
    expect(checkSiret(typed)).toEqual({ valid: true, siret: '35600000000048', siren: LA_POSTE });
  });

  it('gives the same answer whatever spaces, dots or non-breaking spaces are typed between digits (property)', () => {
    const separators = fc.array(fc.constantFrom(' ', '.', '\u00a0', '\u202f'), { maxLength: 3 });
    fc.assert(
      fc.property(
        fc.oneof(nonLaPosteValidSiret, fc.stringMatching(/^\d{14}$/), fc.stringMatching(/^356000000\d{5}$/)),
        fc.array(separators, { minLength: 15, maxLength: 15 }),
        (siret, seps) => {
          const typed = [...siret].map((c, i) => seps[i].join('') + c).join('') + seps[14].join('');
          expect(checkSiret(typed)).toEqual(checkSiret(siret));
        },
      ),
    );
  });
});

describe('SIRET: invalid numbers', () => {
  const messages = {
    EMPTY: 'Le SIRET est obligatoire.',
    NOT_DIGITS: 'Le SIRET ne doit contenir que des chiffres (les espaces sont acceptés).',
    BAD_CHECKSUM: 'Ce SIRET n’existe pas : sa clé de contrôle est fausse. Vérifiez chaque chiffre.',
  };

  it.each([
    ['', 'EMPTY'],
    [' . \u00a0', 'EMPTY'],
    ['8123456760001A', 'NOT_DIGITS'],
    ['SIRET81234567600017', 'NOT_DIGITS'],
    ['356-000-000-00048', 'NOT_DIGITS'],
    ['356/000/000/00048', 'NOT_DIGITS'],
    ['３５６０００００００００４８', 'NOT_DIGITS'],
    ['81234567600018', 'BAD_CHECKSUM'],
    // The sum-of-5 exception is La Poste's alone: this one sums to 45 and fails Luhn.
    ['81234567600012', 'BAD_CHECKSUM'],
    // La Poste, but fails Luhn and sums to 41, 21.
    ['35600000049527', 'BAD_CHECKSUM'],
    ['35600000001006', 'BAD_CHECKSUM'],
  ] as const)('refuses %p: %s', (siret, reason) => {
    expect(checkSiret(siret)).toEqual({ valid: false, reason, message: messages[reason] });
  });

  it.each([
    ['8123456760001', 13],
    ['812345676000170', 15],
    ['812 345 676 0001', 13],
    ['1', 1],
  ])('refuses %p with a message giving the count typed (%i)', (siret, count) => {
    expect(checkSiret(siret)).toEqual({
      valid: false,
      reason: 'WRONG_LENGTH',
      message: `Le SIRET compte 14 chiffres ; vous en avez saisi ${count}.`,
    });
  });

  it('tells how many digits were typed whenever the length is wrong (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{1,40}$/).filter((d) => d.length !== 14),
        (digits) => {
          const c = checkSiret(digits);
          expect(c).toMatchObject({ valid: false, reason: 'WRONG_LENGTH' });
          expect(!c.valid && c.message).toContain(`vous en avez saisi ${digits.length}.`);
        },
      ),
    );
  });

  it('refuses La Poste numbers that fail Luhn and do not sum to a multiple of 5 (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{5}$/).map((nic) => LA_POSTE + nic),
        (siret) => {
          fc.pre(!luhnValid(siret) && digitSum(siret) % 5 !== 0);
          expect(checkSiret(siret)).toMatchObject({ valid: false, reason: 'BAD_CHECKSUM' });
        },
      ),
    );
  });

  it('finds every single wrong digit, unless it lands on La Poste’s SIREN (property)', () => {
    fc.assert(
      fc.property(nonLaPosteValidSiret, fc.nat(13), fc.integer({ min: 1, max: 9 }), (siret, at, shift) => {
        const wrong = siret.slice(0, at) + ((Number(siret[at]) + shift) % 10) + siret.slice(at + 1);
        expect(luhnValid(wrong)).toBe(false);
        if (!wrong.startsWith(LA_POSTE)) expect(checkSiret(wrong).valid).toBe(false);
      }),
    );
  });

  it('finds swapped neighbours unless they are 0 and 9 or land on La Poste’s SIREN (property)', () => {
    fc.assert(
      fc.property(nonLaPosteValidSiret, fc.nat(12), (siret, at) => {
        const [a, b] = [siret[at], siret[at + 1]];
        fc.pre(a !== b && a + b !== '09' && a + b !== '90');
        const swapped = siret.slice(0, at) + b + a + siret.slice(at + 2);
        expect(luhnValid(swapped)).toBe(false);
        if (!swapped.startsWith(LA_POSTE)) expect(checkSiret(swapped).valid).toBe(false);
      }),
    );
  });

  it('lets a few typos through because of La Poste’s exception (known limit)', () => {
    // Neither is La Poste's, both pass Luhn; one typo gives a La Poste number whose digits sum to 25.
    expect(checkSiret('35600000100038').valid).toBe(true);
    expect(checkSiret('35600000000038').valid).toBe(true); // 1 typed as 0
    expect(checkSiret('45600000000038').valid).toBe(true);
    expect(checkSiret('35600000100046').valid).toBe(true);
    expect(checkSiret('35600000010046').valid).toBe(true); // 0 and 1 swapped
  });
});

describe('SIRET: any input', () => {
  const anyInput = fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: 'binary' }),
    fc.stringMatching(/^[\d .\u00a0\u202f]{10,25}$/),
    fc.stringMatching(/^\d{14}$/),
    fc.stringMatching(/^356000000\d{5}$/),
  );

  it('never throws, and is valid exactly by the rule (property)', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const c = checkSiret(input);
        expect(c.valid).toBe(oracle(input));
        if (c.valid) expect(c.siren).toBe(c.siret.slice(0, 9));
        else expect(c.message).toMatch(/^(Le|Ce) SIRET /);
      }),
      { numRuns: 500 },
    );
  });
});

describe('Siret (zod)', () => {
  it('parses a typed SIRET to its 14 digits', () => {
    expect(Siret.parse('356 000 000 00048')).toBe('35600000000048');
    expect(Siret.parse('812.345.676.00017')).toBe('81234567600017');
  });

  it.each([
    ['356 000 000 0004', 'WRONG_LENGTH', 'Le SIRET compte 14 chiffres ; vous en avez saisi 13.'],
    [
      '81234567600018',
      'BAD_CHECKSUM',
      'Ce SIRET n’existe pas : sa clé de contrôle est fausse. Vérifiez chaque chiffre.',
    ],
    ['', 'EMPTY', 'Le SIRET est obligatoire.'],
  ])('refuses %p with the French message and the reason', (input, reason, message) => {
    const r = Siret.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues).toEqual([
      expect.objectContaining({ code: 'custom', message, params: { reason } }),
    ]);
  });

  it('refuses what is not a string, in French', () => {
    const r = Siret.safeParse(35600000000048);
    expect(r.error?.issues[0].message).toMatch(/attendu/);
  });

  it('can be described by OpenAPI', () => {
    const registry = new OpenAPIRegistry();
    registry.register('Identifiers', z.object({ siret: Siret, rna: Rna.optional() }).openapi('Identifiers'));
    const components = new OpenApiGeneratorV31(registry.definitions).generateComponents();
    const schema = components.components?.schemas?.Identifiers as {
      properties: Record<string, { type: string; example: string }>;
      required: string[];
    };
    expect(schema.properties.siret).toMatchObject({ type: 'string', example: '35600000000048' });
    expect(schema.properties.rna).toMatchObject({ type: 'string', example: 'W751234567' });
    expect(schema.required).toEqual(['siret']);
    expect(() => buildOpenApiDocument('test')).not.toThrow();
  });
});

describe('SIREN', () => {
  it.each(['356000000', '356 000 000', '812345676', '452137896', '732829320'])('accepts %p', (siren) => {
    expect(checkSiren(siren)).toEqual({ valid: true, siren: normaliseSiret(siren) });
  });

  it.each([
    ['', 'EMPTY', 'Le SIREN est obligatoire.'],
    ['73282932A', 'NOT_DIGITS', 'Le SIREN ne doit contenir que des chiffres (les espaces sont acceptés).'],
    ['73282932', 'WRONG_LENGTH', 'Le SIREN compte 9 chiffres ; vous en avez saisi 8.'],
    ['7328293200', 'WRONG_LENGTH', 'Le SIREN compte 9 chiffres ; vous en avez saisi 10.'],
    [
      '732829321',
      'BAD_CHECKSUM',
      'Ce SIREN n’existe pas : sa clé de contrôle est fausse. Vérifiez chaque chiffre.',
    ],
    // La Poste's exception is for its establishments (SIRET), not for SIRENs: this one sums to 15.
    [
      '356000005',
      'BAD_CHECKSUM',
      'Ce SIREN n’existe pas : sa clé de contrôle est fausse. Vérifiez chaque chiffre.',
    ],
  ])('refuses %p: %s', (siren, reason, message) => {
    expect(checkSiren(siren)).toEqual({ valid: false, reason, message });
  });

  it('is valid exactly when 9 digits pass Luhn, and never throws (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.stringMatching(/^\d{9}$/)),
        (s) => {
          const d = s.replace(/[\s.]/g, '');
          expect(checkSiren(s).valid).toBe(/^\d{9}$/.test(d) && luhnValid(d));
        },
      ),
    );
  });
});

describe('RNA', () => {
  it.each(['W751234567', ' w751234567 ', '\u00a0W751234567\t'])('accepts %p as W751234567', (rna) => {
    expect(checkRna(rna)).toEqual({ valid: true, rna: 'W751234567' });
    expect(Rna.parse(rna)).toBe('W751234567');
  });

  it.each(['', '   '])('refuses %p as empty', (rna) => {
    expect(checkRna(rna)).toEqual({
      valid: false,
      reason: 'EMPTY',
      message: 'Le numéro RNA est obligatoire.',
    });
  });

  it.each(['W75123456', 'W7512345678', 'X751234567', 'W75123456A', '751234567', 'W 751 234 567'])(
    'refuses %p with an example of the format',
    (rna) => {
      expect(checkRna(rna)).toEqual({
        valid: false,
        reason: 'BAD_FORMAT',
        message: 'Le numéro RNA commence par W suivi de 9 chiffres, par exemple W751234567.',
      });
      expect(Rna.safeParse(rna).error?.issues[0]).toMatchObject({ params: { reason: 'BAD_FORMAT' } });
    },
  );

  it('never throws, and is valid exactly for W and 9 digits (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.stringMatching(/^[wW]\d{9}$/)),
        (s) => {
          const c = checkRna(s);
          expect(c.valid).toBe(/^W\d{9}$/.test(s.trim().toUpperCase()));
          if (c.valid) expect(c.rna).toBe(s.trim().toUpperCase());
        },
      ),
    );
  });
});
