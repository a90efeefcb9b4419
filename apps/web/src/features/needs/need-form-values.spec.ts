import { describe, expect, it } from 'vitest';
import { CreateNeedRequest, NEED_MAX_OCCURRENCES, type Need } from '@lieux/contracts';
import {
  emptyValues,
  fieldOfPath,
  formProblems,
  occurrencesOf,
  presetOf,
  requestOf,
  valuesFromNeed,
  valuesFromSearch,
  type NeedFormValues,
  type SearchPrefill,
} from './need-form-values';

const TODAY = '2026-12-03'; // a Thursday

/** "Un atelier de 30 m² le mardi après-midi à Nîmes", as a volunteer fills it in. */
const tuesdayWorkshop = (): NeedFormValues => ({
  ...emptyValues(TODAY),
  kind: 'workshop',
  minArea: '30',
  attendees: '12',
  weekdays: ['2'],
  commune: { communeCode: '30189', postcode: '30000', name: 'Nîmes' },
  purpose: 'Atelier de réparation de vélos',
  theme: 'mobilite',
});

describe('the need form’s values', () => {
  it('start next Monday for twelve weeks, Tuesday afternoons being one click away', () => {
    const v = emptyValues(TODAY);
    expect(v.from).toBe('2026-12-07');
    expect(v.until).toBe('2027-02-28');
    expect(v.when).toBe('weekly');
    expect([v.startTime, v.endTime, v.slot]).toEqual(['14:00', '17:00', 'afternoon']);
  });

  it('make the request the shared schema accepts', () => {
    const request = requestOf(tuesdayWorkshop());
    expect(request).toMatchObject({
      kind: 'workshop',
      minAreaM2: 30,
      attendees: 12,
      schedule: {
        from: '2026-12-07',
        until: '2027-02-28',
        startTime: '14:00',
        endTime: '17:00',
        weekdays: [2],
        perWeek: null,
      },
      place: { communeCode: '30189', radiusKm: 20 },
      maxHourlyRateCents: null,
      theme: 'mobilite',
    });
    expect(CreateNeedRequest.safeParse(request).success).toBe(true);
    expect(formProblems(tuesdayWorkshop())).toEqual([]);
  });

  it('count the occurrences as the API does: the days kept, or n a week', () => {
    expect(occurrencesOf(tuesdayWorkshop())).toBe(12);
    expect(
      occurrencesOf({ ...tuesdayWorkshop(), when: 'perWeek', perWeek: '2', weekdays: ['1', '2', '4'] }),
    ).toBe(24);
    // Any day: Thursday to Sunday give three (of four), the next Monday one.
    expect(
      occurrencesOf({
        ...tuesdayWorkshop(),
        when: 'perWeek',
        perWeek: '3',
        weekdays: [],
        from: '2026-12-10',
        until: '2026-12-14',
      }),
    ).toBe(4);
    expect(
      occurrencesOf({ ...tuesdayWorkshop(), when: 'range', from: '2026-12-07', until: '2026-12-09' }),
    ).toBe(3);
    expect(occurrencesOf({ ...tuesdayWorkshop(), until: '2026-12-01' })).toBeNull();
  });

  it('say what is missing on the field it belongs to', () => {
    const problems = formProblems({
      ...tuesdayWorkshop(),
      attendees: '',
      weekdays: [],
      commune: null,
      theme: '',
      price: 'max',
      maxEuros: 'dix',
    });
    expect(problems.map((p) => [p.field, p.key])).toEqual([
      ['attendees', 'attendees'],
      ['weekdays', 'weekdays'],
      ['commune', 'commune'],
      ['maxEuros', 'price'],
      ['theme', 'theme'],
    ]);
  });

  it('refuse a pattern with more occurrences than the API takes', () => {
    const v = { ...tuesdayWorkshop(), when: 'range' as const, from: '2027-01-01', until: '2027-06-30' };
    const problem = formProblems(v).find((p) => p.key === 'tooMany');
    expect(problem?.values).toEqual({ count: 181, max: NEED_MAX_OCCURRENCES });
  });

  it('turn the price choice into cents, free only into 0, and a département into its code', () => {
    expect(requestOf({ ...tuesdayWorkshop(), price: 'max', maxEuros: '7,50' }).maxHourlyRateCents).toBe(750);
    expect(requestOf({ ...tuesdayWorkshop(), price: 'free' }).maxHourlyRateCents).toBe(0);
    expect(requestOf({ ...tuesdayWorkshop(), where: 'departement', departementCode: '2a' }).place).toEqual({
      departementCode: '2A',
    });
  });

  it('keep one period as every day of it, with no weekday', () => {
    const r = requestOf({ ...tuesdayWorkshop(), when: 'range', from: '2027-01-05', until: '2027-01-05' });
    expect(r.schedule).toMatchObject({
      from: '2027-01-05',
      until: '2027-01-05',
      weekdays: [],
      perWeek: null,
    });
  });

  it('name the presets from their hours', () => {
    expect(presetOf('09:00', '12:00')).toBe('morning');
    expect(presetOf('18:00', '21:00')).toBe('evening');
    expect(presetOf('14:00', '18:00')).toBe('custom');
  });

  it('send the shared schema’s complaints to the field showing them', () => {
    expect(fieldOfPath(['schedule', 'until'])).toBe('until');
    expect(fieldOfPath(['schedule', 'endTime'])).toBe('endTime');
    expect(fieldOfPath(['place', 'communeCode'])).toBe('commune');
    expect(fieldOfPath(['maxHourlyRateCents'])).toBe('maxEuros');
    expect(fieldOfPath(['purpose'])).toBe('purpose');
  });
});

describe('a search that found nothing, carried to the form', () => {
  const search: SearchPrefill = {
    q: 'Nîmes',
    minCapacity: '8',
    kind: 'workshop',
    minArea: '30',
    equipment: ['sink'],
    stepFree: true,
    maxPrice: '0',
    date: '2026-12-15',
    start: '14:00',
    end: '17:00',
  };

  it('fills what, the price, and that day at those hours', () => {
    const v = valuesFromSearch(search, TODAY);
    expect(v).toMatchObject({
      kind: 'workshop',
      minArea: '30',
      attendees: '8',
      equipment: ['sink'],
      stepFree: true,
      price: 'free',
      when: 'range',
      from: '2026-12-15',
      until: '2026-12-15',
      slot: 'afternoon',
    });
  });

  it('keeps the default pattern for a past date, and a price ceiling in euros', () => {
    const v = valuesFromSearch({ ...search, date: '2026-11-01', maxPrice: '10' }, TODAY);
    expect(v.when).toBe('weekly');
    expect([v.price, v.maxEuros]).toEqual(['max', '10']);
  });
});

describe('a saved need, changed', () => {
  it('comes back as the values that made it', () => {
    const values = tuesdayWorkshop();
    const r = requestOf(values);
    const need = {
      ...r,
      id: '5b0c9a1e-1111-4a8e-9d43-3c1f5b2a7e10',
      schedule: { ...r.schedule, weekdays: r.schedule.weekdays ?? [], perWeek: r.schedule.perWeek ?? null },
      place: {
        communeCode: '30189',
        communeName: 'Nîmes',
        radiusKm: 20,
        departementCode: '30',
        departementName: 'Gard',
        regionCode: '76',
        latitude: 43.8,
        longitude: 4.36,
      },
    } as unknown as Need;
    const back = valuesFromNeed(need);
    expect(requestOf(back)).toEqual(r);
    expect(back.commune).toEqual({ communeCode: '30189', postcode: '', name: 'Nîmes' });
  });
});
