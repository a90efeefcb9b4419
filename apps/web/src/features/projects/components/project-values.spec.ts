import { describe, expect, it } from 'vitest';
import {
  CaseSheetInput,
  CreateProjectReportRequest,
  CreateProjectRequest,
  type Project,
} from '@lieux/contracts';
import {
  caseSheetFormValues,
  decimalOf,
  EMPTY_PROJECT,
  EMPTY_REPORT,
  linesOf,
  newestFirst,
  projectFieldOf,
  projectFormValues,
  reportedBookings,
  toCaseSheetInput,
  toProjectRequest,
  toReportRequest,
} from './project-values';

const typed = {
  ...EMPTY_PROJECT,
  title: '  Repair café ',
  theme: 'transition_energetique' as const,
  audience: 'Habitants du quartier',
  departementCode: '31',
  startDate: '2026-01-15',
  partners: 'Emmaüs\n\n  Ville de Toulouse  \n',
  laPosteServices: ['facteur_services' as const],
};

describe('the project form', () => {
  it('sends a département when no commune is typed, partners one a line, no end as null', () => {
    const request = toProjectRequest(typed);
    expect(request).toEqual({
      title: 'Repair café',
      theme: 'transition_energetique',
      audience: 'Habitants du quartier',
      territory: { departementCode: '31' },
      startDate: '2026-01-15',
      endDate: null,
      partners: ['Emmaüs', 'Ville de Toulouse'],
      laPosteServices: ['facteur_services'],
      description: '',
    });
    expect(CreateProjectRequest.safeParse(request).success).toBe(true);
  });

  it('sends the commune rather than the département when one is typed (Corsica in capitals)', () => {
    expect(toProjectRequest({ ...typed, communeCode: '31555' }).territory).toEqual({ communeCode: '31555' });
    expect(toProjectRequest({ ...typed, communeCode: '2a004' }).territory).toEqual({ communeCode: '2A004' });
  });

  it('lets the shared schema refuse an end before the start, under the end', () => {
    const parsed = CreateProjectRequest.safeParse(toProjectRequest({ ...typed, endDate: '2026-01-01' }));
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => projectFieldOf(i.path))).toEqual(['endDate']);
  });

  it('places the territory’s complaints under the commune or the département', () => {
    expect(projectFieldOf(['territory', 'communeCode'])).toBe('communeCode');
    expect(projectFieldOf(['territory'])).toBe('departementCode');
    expect(projectFieldOf(['partners', 2])).toBe('partners');
  });

  it('reads a project back into the form', () => {
    const project = {
      title: 'Repair café',
      theme: 'culture',
      audience: 'Tous',
      territory: { communeCode: '31555', departementCode: '31' },
      startDate: '2026-01-15',
      endDate: null,
      partners: ['A', 'B'],
      laPosteServices: [],
      description: 'x',
    } as unknown as Project;
    expect(projectFormValues(project)).toMatchObject({
      communeCode: '31555',
      departementCode: '31',
      endDate: '',
      partners: 'A\nB',
    });
  });

  it('splits lines, leaving blank ones out', () => {
    expect(linesOf(' a \r\n\n b')).toEqual(['a', 'b']);
  });
});

describe('the case sheet form', () => {
  it('reads French decimals and leaves empty figures null', () => {
    expect(decimalOf('2,5')).toBe(2.5);
    expect(decimalOf(' 40 ')).toBe(40);
    expect(decimalOf('')).toBeNull();
    expect(decimalOf('deux')).toBeNaN();
  });

  it('sends what the shared schema accepts, and refuses what is not a number', () => {
    const input = toCaseSheetInput({
      what: 'Un atelier de réparation',
      forWhom: 'Les habitants',
      kind: 'workshop',
      minAreaM2: '30',
      attendees: '12',
      hoursPerWeek: '3,5',
      equipment: ['workbench'],
      partners: '',
    });
    expect(input).toMatchObject({ kind: 'workshop', minAreaM2: 30, attendees: 12, hoursPerWeek: 3.5 });
    expect(CaseSheetInput.safeParse(input).success).toBe(true);
    const wrong = CaseSheetInput.safeParse({ ...input, minAreaM2: decimalOf('trente') });
    expect(wrong.error?.issues[0].path).toEqual(['minAreaM2']);
  });

  it('starts a new sheet from the project, and an amendment from the sheet, unchanged both ways', () => {
    const project = {
      title: 'Repair café',
      description: '',
      audience: 'Tous',
      partners: ['Emmaüs'],
    } as unknown as Project;
    expect(caseSheetFormValues(null, project)).toMatchObject({
      what: 'Repair café',
      forWhom: 'Tous',
      partners: 'Emmaüs',
    });
    const sheet = {
      what: 'Réparer',
      forWhom: 'Tous',
      kind: null,
      minAreaM2: 25,
      attendees: null,
      hoursPerWeek: 2.5,
      equipment: [],
      partners: '',
    };
    expect(toCaseSheetInput(caseSheetFormValues(sheet))).toEqual(sheet);
  });
});

describe('the light report', () => {
  it('sends only the figures given, with the booking it follows', () => {
    const body = toReportRequest({ ...EMPTY_REPORT, peopleReached: '18' }, 'b1');
    expect(body).toEqual({ bookingId: 'b1', peopleReached: 18, sentence: '' });
  });

  it('is refused by the shared schema when empty or when a figure is not a whole number', () => {
    expect(CreateProjectReportRequest.safeParse(toReportRequest(EMPTY_REPORT)).success).toBe(false);
    const wrong = CreateProjectReportRequest.safeParse(
      toReportRequest({ ...EMPTY_REPORT, volunteers: '2.5' }),
    );
    expect(wrong.error?.issues[0].path).toEqual(['volunteers']);
    expect(
      CreateProjectReportRequest.safeParse(toReportRequest({ ...EMPTY_REPORT, sentence: ' Super ' })).data,
    ).toEqual({
      sentence: 'Super',
    });
  });

  it('lists the newest first and knows which bookings have theirs', () => {
    const r = (id: string, createdAt: string, bookingId: string | null) =>
      ({ id, createdAt, bookingId }) as Parameters<typeof newestFirst>[0][number];
    const reports = [r('a', '2026-01-01T10:00:00Z', 'b1'), r('b', '2026-02-01T10:00:00Z', null)];
    expect(newestFirst(reports).map((x) => x.id)).toEqual(['b', 'a']);
    expect([...reportedBookings(reports)]).toEqual(['b1']);
  });
});
