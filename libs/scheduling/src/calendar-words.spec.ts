import { listJoiner, monthNames, weekdayNames } from './calendar-words';

describe('calendar words', () => {
  it('name the days Monday first and the months in French and English', () => {
    expect(weekdayNames('fr')).toEqual([
      'lundi',
      'mardi',
      'mercredi',
      'jeudi',
      'vendredi',
      'samedi',
      'dimanche',
    ]);
    expect(weekdayNames('en')[6]).toBe('Sunday');
    expect(monthNames('fr')[7]).toBe('août');
    expect(monthNames('en')[0]).toBe('January');
  });

  it('join lists the way each language does, without an Oxford comma in English', () => {
    expect(listJoiner('fr', 'conjunction')(['mardi', 'jeudi', 'samedi'])).toBe('mardi, jeudi et samedi');
    expect(listJoiner('fr', 'disjunction')(['lundi', 'mardi'])).toBe('lundi ou mardi');
    expect(listJoiner('en', 'conjunction')(['Tuesday', 'Thursday', 'Saturday'])).toBe(
      'Tuesday, Thursday and Saturday',
    );
    expect(listJoiner('en', 'conjunction')(['Tuesday'])).toBe('Tuesday');
  });
});
