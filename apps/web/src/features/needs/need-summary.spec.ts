import { describe, expect, it } from 'vitest';
import { needSummary, placeSummary, priceSummary, scheduleSummary, spaceWanted } from './need-summary';

const weekly = {
  from: '2027-01-05',
  until: '2027-03-30',
  startTime: '14:00',
  endTime: '17:00',
  perWeek: null,
};

describe('scheduleSummary', () => {
  it('says a weekly pattern on one day the way a person does', () => {
    expect(scheduleSummary({ ...weekly, weekdays: [2] })).toBe(
      'tous les mardis de 14 h à 17 h, du 5 janvier au 30 mars 2027',
    );
    expect(scheduleSummary({ ...weekly, weekdays: [2] }, 'en')).toBe(
      'every Tuesday from 14:00 to 17:00, from 5 January to 30 March 2027',
    );
  });

  it('lists several days, sorted, and names the working week and every day', () => {
    expect(scheduleSummary({ ...weekly, weekdays: [4, 2] })).toBe(
      'tous les mardis et jeudis de 14 h à 17 h, du 5 janvier au 30 mars 2027',
    );
    expect(scheduleSummary({ ...weekly, weekdays: [1, 2, 3, 4, 5] })).toMatch(
      /^du lundi au vendredi de 14 h/,
    );
    expect(scheduleSummary({ ...weekly, weekdays: [1, 2, 3, 4, 5, 6, 7] })).toMatch(
      /^tous les jours de 14 h/,
    );
  });

  it('says n times a week, among the days chosen', () => {
    expect(
      scheduleSummary({ ...weekly, startTime: '09:00', endTime: '12:30', weekdays: [1, 2, 4], perWeek: 2 }),
    ).toBe('deux fois par semaine (le lundi, mardi ou jeudi) de 9 h à 12 h 30, du 5 janvier au 30 mars 2027');
    expect(scheduleSummary({ ...weekly, weekdays: [], perWeek: 1 })).toBe(
      'une fois par semaine de 14 h à 17 h, du 5 janvier au 30 mars 2027',
    );
  });

  it('says one day with its weekday, and a period of days with both years when they differ', () => {
    expect(scheduleSummary({ ...weekly, until: weekly.from, weekdays: [] })).toBe(
      'le mardi 5 janvier 2027 de 14 h à 17 h',
    );
    expect(scheduleSummary({ ...weekly, from: '2026-12-01', until: '2027-01-03', weekdays: [] })).toBe(
      'tous les jours du 1er décembre 2026 au 3 janvier 2027, de 14 h à 17 h',
    );
  });
});

describe('needSummary', () => {
  const need = {
    kind: 'workshop' as const,
    minAreaM2: 30,
    attendees: 12,
    schedule: { ...weekly, weekdays: [2] },
    place: { communeName: 'Nîmes', radiusKm: 20, departementCode: '30', departementName: 'Gard' },
    maxHourlyRateCents: null,
  };

  it('puts what, when, where and the price in one sentence', () => {
    expect(needSummary(need)).toBe(
      'Un atelier d’au moins 30 m² pour 12 personnes, tous les mardis de 14 h à 17 h, du 5 janvier au 30 mars 2027, à Nîmes ou à 20 km autour.',
    );
    expect(needSummary({ ...need, maxHourlyRateCents: 0 }, 'en')).toBe(
      'A workshop of at least 30 m² for 12 people, every Tuesday from 14:00 to 17:00, from 5 January to 30 March 2027, in Nîmes or within 20 km, free only.',
    );
  });

  it('words any kind, a département and a price ceiling', () => {
    expect(spaceWanted({ kind: null, minAreaM2: null, attendees: 1 })).toBe('un espace pour une personne');
    expect(
      placeSummary({ communeName: null, radiusKm: null, departementCode: '30', departementName: 'Gard' }),
    ).toBe('dans le département Gard (30)');
    expect(priceSummary(750)).toBe('7,50\u00a0€ de l’heure au plus');
    expect(priceSummary(null)).toBeNull();
  });
});
