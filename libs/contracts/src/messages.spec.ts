import { CreateBookingRequest, MAX_ATTENDEES } from './bookings';
import { checkSiret } from './identifiers';
import {
  MESSAGES,
  MESSAGE_LANGUAGES,
  inMessageLanguage,
  messageLanguage,
  setMessageLanguage,
  type MessageLanguage,
} from './messages';
import { CreateClosureRequest } from './sites';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message catalogue', () => {
  it.each(Object.entries(MESSAGES))(
    '%s has a French and an English text with the same parameters',
    (_, m) => {
      const texts = m as Record<MessageLanguage, string>;
      for (const lang of MESSAGE_LANGUAGES) expect(texts[lang]?.trim()).toBeTruthy();
      expect(texts.en).not.toBe(texts.fr);
      expect(placeholders(texts.en)).toEqual(placeholders(texts.fr));
    },
  );
});

const booking = {
  spaceId: '0b9c1a52-8d5e-4a43-9a51-2f8f4f0e6a11',
  start: '2026-03-03T14:30:00+01:00',
  end: '2026-03-03T16:00:00+01:00',
  title: 'Permanence emploi',
  attendees: 6,
};

/** `path: message` of each issue, in the language current when the parse runs. */
function issues(
  schema: { safeParse: (v: unknown) => { error?: { issues: { path: PropertyKey[]; message: string }[] } } },
  input: unknown,
) {
  return (schema.safeParse(input).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('field messages', () => {
  afterEach(() => setMessageLanguage('fr'));

  it('are French by default', () => {
    expect(messageLanguage()).toBe('fr');
    expect(issues(CreateBookingRequest, { ...booking, title: '  ', end: booking.start })).toEqual([
      'title: Le titre est obligatoire',
      'end: La fin doit suivre le début',
    ]);
    expect(
      issues(CreateClosureRequest, { startsOn: '03/03/2026', endsOn: '2026-03-04', reason: '' }),
    ).toEqual([
      'startsOn: Date attendue au format AAAA-MM-JJ',
      'reason: Indiquez la raison (travaux, congés…)',
    ]);
  });

  it('are English once English is selected, and French again after', () => {
    setMessageLanguage('en');
    expect(issues(CreateBookingRequest, { ...booking, title: '  ', end: booking.start })).toEqual([
      'title: The title is required',
      'end: The end must come after the start',
    ]);
    expect(
      issues(CreateClosureRequest, { startsOn: '03/03/2026', endsOn: '2026-03-04', reason: '' }),
    ).toEqual(['startsOn: A date expected as YYYY-MM-DD', 'reason: Give the reason (works, holidays…)']);
    setMessageLanguage('fr');
    expect(issues(CreateBookingRequest, { ...booking, title: '' })).toEqual([
      'title: Le titre est obligatoire',
    ]);
  });

  it('write their limits the way each language writes numbers', () => {
    const tooMany = { ...booking, attendees: MAX_ATTENDEES + 1 };
    expect(issues(CreateBookingRequest, tooMany)).toEqual(['attendees: Au plus 10\u202f000 personnes']);
    expect(inMessageLanguage('en', () => issues(CreateBookingRequest, tooMany))).toEqual([
      'attendees: At most 10,000 people',
    ]);
  });

  it('include zod’s own messages, which follow the same language', () => {
    const asString = { ...booking, attendees: '6' };
    expect(issues(CreateBookingRequest, asString)).toEqual([
      'attendees: Entrée invalide : nombre attendu, chaîne de caractères reçu',
    ]);
    expect(inMessageLanguage('en', () => issues(CreateBookingRequest, asString))).toEqual([
      'attendees: Invalid input: expected number, received string',
    ]);
  });

  it('include the identifier checks', () => {
    expect(checkSiret('8123456760001')).toMatchObject({
      message: 'Le SIRET compte 14 chiffres ; vous en avez saisi 13.',
    });
    expect(inMessageLanguage('en', () => checkSiret('8123456760001'))).toMatchObject({
      message: 'A SIRET has 14 digits; you typed 13.',
    });
  });

  it('go back to the language in force after a parse in another one, even one that throws', () => {
    expect(() =>
      inMessageLanguage('en', () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(messageLanguage()).toBe('fr');
  });
});
