import type {
  CaseSheet,
  CaseSheetInput,
  CreateProjectRequest,
  EssTheme,
  LaPosteService,
  Project,
  ProjectReport,
  SpaceKind,
} from '@lieux/contracts';
import type { Equipment } from '@lieux/contracts';

/** The project form as typed: every field a string (or a list of choices) until it is sent. */
export interface ProjectFormValues {
  title: string;
  theme: EssTheme | '';
  audience: string;
  /** INSEE code of the commune, or empty for a whole département. */
  communeCode: string;
  departementCode: string;
  startDate: string;
  endDate: string;
  /** One partner a line. */
  partners: string;
  laPosteServices: LaPosteService[];
  description: string;
}

export const EMPTY_PROJECT: ProjectFormValues = {
  title: '',
  theme: '',
  audience: '',
  communeCode: '',
  departementCode: '',
  startDate: '',
  endDate: '',
  partners: '',
  laPosteServices: [],
  description: '',
};

/** One entry a line, blank lines and spaces around left out. */
export const linesOf = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');

/**
 * What the form sends: a commune when one is typed, the département otherwise (the API places either on
 * the map). Left unchecked here: the shared schema says what is wrong, field by field.
 */
export function toProjectRequest(v: ProjectFormValues): CreateProjectRequest {
  const commune = v.communeCode.trim().toUpperCase();
  return {
    title: v.title.trim(),
    theme: v.theme as EssTheme,
    audience: v.audience.trim(),
    territory: commune
      ? { communeCode: commune }
      : { departementCode: v.departementCode.trim().toUpperCase() },
    startDate: v.startDate,
    endDate: v.endDate === '' ? null : v.endDate,
    partners: linesOf(v.partners),
    laPosteServices: v.laPosteServices,
    description: v.description.trim(),
  };
}

/** A project back into the form, to change it. */
export function projectFormValues(p: Project): ProjectFormValues {
  return {
    title: p.title,
    theme: p.theme,
    audience: p.audience,
    communeCode: p.territory.communeCode ?? '',
    departementCode: p.territory.departementCode,
    startDate: p.startDate,
    endDate: p.endDate ?? '',
    partners: p.partners.join('\n'),
    laPosteServices: p.laPosteServices,
    description: p.description,
  };
}

/**
 * Where a refusal of the shared schema shows in the form: `territory.communeCode` under the commune, a
 * territory given by neither under the département, `partners.2` under the partners.
 */
export function projectFieldOf(path: readonly PropertyKey[]): keyof ProjectFormValues {
  const [first, second] = path.map(String);
  if (first === 'territory') return second === 'communeCode' ? 'communeCode' : 'departementCode';
  return (first in EMPTY_PROJECT ? first : 'title') as keyof ProjectFormValues;
}

/** The case sheet as typed. */
export interface CaseSheetFormValues {
  what: string;
  forWhom: string;
  kind: SpaceKind | '';
  minAreaM2: string;
  attendees: string;
  hoursPerWeek: string;
  equipment: Equipment[];
  partners: string;
}

export const EMPTY_CASE_SHEET: CaseSheetFormValues = {
  what: '',
  forWhom: '',
  kind: '',
  minAreaM2: '',
  attendees: '',
  hoursPerWeek: '',
  equipment: [],
  partners: '',
};

/** A French or English decimal (`12,5` or `12.5`); null when empty. NaN when it is not a number. */
export function decimalOf(text: string): number | null {
  const t = text.trim().replace(/\s/g, '').replace(',', '.');
  if (t === '') return null;
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

export function toCaseSheetInput(v: CaseSheetFormValues): CaseSheetInput {
  return {
    what: v.what.trim(),
    forWhom: v.forWhom.trim(),
    kind: v.kind === '' ? null : v.kind,
    minAreaM2: decimalOf(v.minAreaM2),
    attendees: decimalOf(v.attendees),
    hoursPerWeek: decimalOf(v.hoursPerWeek),
    equipment: v.equipment,
    partners: v.partners.trim(),
  };
}

/** A sheet back into the form (the organisation amends the delegate's); a new one starts from the project. */
export function caseSheetFormValues(sheet: CaseSheet | null, project?: Project): CaseSheetFormValues {
  if (!sheet)
    return {
      ...EMPTY_CASE_SHEET,
      what: project?.description || project?.title || '',
      forWhom: project?.audience ?? '',
      partners: project?.partners.join(', ') ?? '',
    };
  const text = (n: number | null) => (n === null ? '' : String(n));
  return {
    what: sheet.what,
    forWhom: sheet.forWhom,
    kind: sheet.kind ?? '',
    minAreaM2: text(sheet.minAreaM2),
    attendees: text(sheet.attendees),
    hoursPerWeek: text(sheet.hoursPerWeek),
    equipment: sheet.equipment,
    partners: sheet.partners,
  };
}

/** The light report as typed: figures as text (empty: not given). */
export interface ReportFormValues {
  peopleReached: string;
  volunteers: string;
  actions: string;
  sentence: string;
}

export const EMPTY_REPORT: ReportFormValues = {
  peopleReached: '',
  volunteers: '',
  actions: '',
  sentence: '',
};

/** What the report sends: only the figures given (a figure left empty is not a zero). */
export function toReportRequest(v: ReportFormValues, bookingId?: string) {
  const figure = (text: string) => {
    const t = text.trim();
    return t === '' ? undefined : /^\d+$/.test(t) ? Number(t) : Number.NaN;
  };
  const body: Record<string, unknown> = { sentence: v.sentence.trim() };
  if (bookingId) body.bookingId = bookingId;
  for (const key of ['peopleReached', 'volunteers', 'actions'] as const) {
    const n = figure(v[key]);
    if (n !== undefined) body[key] = n;
  }
  return body;
}

/** The reports of a project, newest first. */
export const newestFirst = (reports: readonly ProjectReport[]) =>
  [...reports].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

/** Whether a booking already has its report. */
export const reportedBookings = (reports: readonly ProjectReport[] | undefined) =>
  new Set((reports ?? []).flatMap((r) => (r.bookingId ? [r.bookingId] : [])));
