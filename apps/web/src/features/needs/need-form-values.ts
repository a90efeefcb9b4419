import {
  EQUIPMENT,
  NEED_MAX_OCCURRENCES,
  SPACE_KINDS,
  type CreateNeedRequest,
  type EssTheme,
  type Equipment,
  type Need,
  type SpaceKind,
} from '@lieux/contracts';
import { isoWeekday } from './need-summary';
import { todayIn } from '../../lib/wall-clock';

/**
 * The "declare a need" form's values and what they become: the request the API reads, checked by the
 * shared schema. Pure, so that the form's logic (presets, patterns, the prefill from a search) is tested
 * without a browser.
 */

/** How the need's days are chosen: one period, a weekly pattern on fixed days, or n times a week. */
export type WhenMode = 'range' | 'weekly' | 'perWeek';
/** Half-days and evenings a volunteer picks in one click; `custom` shows the two times. */
export type SlotPreset = 'morning' | 'afternoon' | 'evening' | 'custom';
export type WhereMode = 'commune' | 'departement';
export type PriceMode = 'any' | 'free' | 'max';

export const SLOT_PRESETS: Record<Exclude<SlotPreset, 'custom'>, { start: string; end: string }> = {
  morning: { start: '09:00', end: '12:00' },
  afternoon: { start: '14:00', end: '17:00' },
  evening: { start: '18:00', end: '21:00' },
};

export const RADII_KM = [5, 10, 20, 50, 100] as const;

export interface CommuneValue {
  communeCode: string;
  postcode: string;
  name: string;
}

export interface NeedFormValues {
  kind: SpaceKind | '';
  minArea: string;
  attendees: string;
  equipment: Equipment[];
  stepFree: boolean;
  when: WhenMode;
  from: string;
  until: string;
  /** ISO weekdays as the checkboxes give them: '1' … '7'. */
  weekdays: string[];
  perWeek: string;
  slot: SlotPreset;
  startTime: string;
  endTime: string;
  where: WhereMode;
  commune: CommuneValue | null;
  radiusKm: string;
  departementCode: string;
  price: PriceMode;
  /** Euros an hour, when `price` is `max`. */
  maxEuros: string;
  purpose: string;
  theme: EssTheme | '';
  contactable: boolean;
  notifyMatches: boolean;
}

const addDays = (iso: string, n: number): string => {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** A blank form: from next Monday for three months, Tuesday afternoons. */
export function emptyValues(today = todayIn('Europe/Paris')): NeedFormValues {
  const toMonday = (8 - isoWeekday(today)) % 7 || 7;
  const from = addDays(today, toMonday);
  return {
    kind: '',
    minArea: '',
    attendees: '',
    equipment: [],
    stepFree: false,
    when: 'weekly',
    from,
    until: addDays(from, 12 * 7 - 1),
    weekdays: [],
    perWeek: '2',
    slot: 'afternoon',
    startTime: SLOT_PRESETS.afternoon.start,
    endTime: SLOT_PRESETS.afternoon.end,
    where: 'commune',
    commune: null,
    radiusKm: '20',
    departementCode: '',
    price: 'any',
    maxEuros: '',
    purpose: '',
    theme: '',
    contactable: false,
    notifyMatches: true,
  };
}

/** The preset two times make, `custom` when they are no preset's. */
export function presetOf(startTime: string, endTime: string): SlotPreset {
  const found = (Object.keys(SLOT_PRESETS) as (keyof typeof SLOT_PRESETS)[]).find(
    (k) => SLOT_PRESETS[k].start === startTime && SLOT_PRESETS[k].end === endTime,
  );
  return found ?? 'custom';
}

/** What a search asked for, as the search page reads it from its address (its `SearchFilters`). */
export interface SearchPrefill {
  q: string;
  minCapacity: string;
  kind: SpaceKind | '';
  minArea: string;
  equipment: Equipment[];
  stepFree: boolean;
  maxPrice: string;
  date: string;
  start: string;
  end: string;
}

/**
 * The search's own address parameters (features/spaces search-filters.ts, `KEYS`), read here rather than
 * with the search's module, which would then be split out of the search page's chunk.
 */
export function prefillFromParams(params: URLSearchParams): SearchPrefill {
  const get = (k: string) => params.get(k)?.trim() ?? '';
  const whole = (s: string) => (/^\d{1,4}$/.test(s) && Number(s) > 0 ? String(Number(s)) : '');
  const kind = get('type');
  const price = get('prix-max');
  const time = (s: string) => (/^([01]\d|2[0-3]):[0-5]\d$/.test(s) ? s : '');
  return {
    q: get('commune').slice(0, 80),
    minCapacity: whole(get('capacite')),
    kind: (SPACE_KINDS as readonly string[]).includes(kind) ? (kind as SpaceKind) : '',
    minArea: whole(get('surface')),
    equipment: EQUIPMENT.filter((e) => params.getAll('equipement').includes(e)),
    stepFree: params.get('plain-pied') === 'oui',
    maxPrice: /^\d{1,4}$/.test(price) ? String(Number(price)) : '',
    date: /^\d{4}-\d{2}-\d{2}$/.test(get('date')) ? get('date') : '',
    start: time(get('debut')),
    end: time(get('fin')),
  };
}

/**
 * A search that found nothing, carried to the form (`/besoins/nouveau?type=workshop&surface=30…`, the
 * search's own parameters): the kind, area, people, equipment, access, price and, for a date, that day and
 * those hours. The commune typed is answered apart (`communeQuery`), as a name to look up.
 */
export function valuesFromSearch(f: SearchPrefill, today = todayIn('Europe/Paris')): NeedFormValues {
  const base = emptyValues(today);
  const values: NeedFormValues = {
    ...base,
    kind: f.kind,
    minArea: f.minArea,
    attendees: f.minCapacity,
    equipment: f.equipment,
    stepFree: f.stepFree,
  };
  if (f.maxPrice !== '') {
    values.price = f.maxPrice === '0' ? 'free' : 'max';
    values.maxEuros = f.maxPrice === '0' ? '' : f.maxPrice;
  }
  if (f.date && f.date >= today) {
    values.when = 'range';
    values.from = f.date;
    values.until = f.date;
  }
  if (f.start && f.end && f.start < f.end) {
    values.startTime = f.start;
    values.endTime = f.end;
    values.slot = presetOf(f.start, f.end);
  }
  return values;
}

/** The commune the search named, to look up and offer: the text typed, when it is one. */
export function communeQuery(f: SearchPrefill): string {
  const q = f.q.trim();
  return q.length >= 2 ? q : '';
}

/** A need as the form shows it, to change it. */
export function valuesFromNeed(need: Need): NeedFormValues {
  const s = need.schedule;
  const when: WhenMode = s.perWeek ? 'perWeek' : s.weekdays.length > 0 ? 'weekly' : 'range';
  return {
    kind: need.kind ?? '',
    minArea: need.minAreaM2 === null ? '' : String(need.minAreaM2),
    attendees: String(need.attendees),
    equipment: need.equipment,
    stepFree: need.stepFree,
    when,
    from: s.from,
    until: s.until,
    weekdays: s.weekdays.map(String),
    perWeek: String(s.perWeek ?? 2),
    slot: presetOf(s.startTime, s.endTime),
    startTime: s.startTime,
    endTime: s.endTime,
    where: need.place.communeCode ? 'commune' : 'departement',
    commune: need.place.communeCode
      ? { communeCode: need.place.communeCode, postcode: '', name: need.place.communeName ?? '' }
      : null,
    radiusKm: String(need.place.radiusKm ?? 20),
    departementCode: need.place.communeCode ? '' : need.place.departementCode,
    price: need.maxHourlyRateCents === null ? 'any' : need.maxHourlyRateCents === 0 ? 'free' : 'max',
    maxEuros:
      need.maxHourlyRateCents && need.maxHourlyRateCents > 0 ? String(need.maxHourlyRateCents / 100) : '',
    purpose: need.purpose,
    theme: need.theme,
    contactable: need.contactable,
    notifyMatches: need.notifyMatches,
  };
}

/** The weekdays the pattern keeps, sorted; none for one period. */
function weekdaysOf(v: NeedFormValues): number[] {
  if (v.when === 'range') return [];
  return [...new Set(v.weekdays.map(Number))].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b);
}

/** How many occurrences the values ask for (what the API will count), or null while the dates are unset. */
export function occurrencesOf(v: NeedFormValues): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v.from) || !/^\d{4}-\d{2}-\d{2}$/.test(v.until) || v.from > v.until)
    return null;
  const days = weekdaysOf(v);
  const keep = days.length > 0 ? new Set(days) : null;
  let count = 0;
  const weeks = new Map<string, number>();
  for (let d = v.from, i = 0; d <= v.until && i < 400; d = addDays(d, 1), i++) {
    if (keep && !keep.has(isoWeekday(d))) continue;
    count++;
    const monday = addDays(d, 1 - isoWeekday(d));
    weeks.set(monday, (weeks.get(monday) ?? 0) + 1);
  }
  if (v.when !== 'perWeek') return count;
  const n = Number(v.perWeek) || 0;
  return [...weeks.values()].reduce((sum, available) => sum + Math.min(n, available), 0);
}

/** A form-level problem, as a key of `needs.form.errors`, on the field it belongs to. */
export interface FormProblem {
  field: keyof NeedFormValues;
  key: string;
  values?: Record<string, unknown>;
}

/** What the shared schema cannot say in the form's terms: a pattern with no day, no place chosen… */
export function formProblems(v: NeedFormValues): FormProblem[] {
  const out: FormProblem[] = [];
  if (!/^\d{1,4}$/.test(v.attendees.trim()) || Number(v.attendees) < 1)
    out.push({ field: 'attendees', key: 'attendees' });
  if (v.minArea.trim() && !/^\d{1,5}([.,]\d+)?$/.test(v.minArea.trim()))
    out.push({ field: 'minArea', key: 'area' });
  if (v.when === 'weekly' && weekdaysOf(v).length === 0) out.push({ field: 'weekdays', key: 'weekdays' });
  if (v.when === 'perWeek' && !/^[1-7]$/.test(v.perWeek)) out.push({ field: 'perWeek', key: 'perWeek' });
  if (v.where === 'commune' && !v.commune) out.push({ field: 'commune', key: 'commune' });
  if (v.where === 'departement' && !/^(\d{2,3}|2[ABab])$/.test(v.departementCode.trim()))
    out.push({ field: 'departementCode', key: 'departement' });
  if (v.price === 'max' && !/^\d{1,4}([.,]\d{1,2})?$/.test(v.maxEuros.trim()))
    out.push({ field: 'maxEuros', key: 'price' });
  if (!v.theme) out.push({ field: 'theme', key: 'theme' });
  const n = occurrencesOf(v);
  if (n === 0) out.push({ field: 'until', key: 'noOccurrence' });
  if (n !== null && n > NEED_MAX_OCCURRENCES)
    out.push({ field: 'until', key: 'tooMany', values: { count: n, max: NEED_MAX_OCCURRENCES } });
  return out;
}

const decimal = (s: string) => Number(s.trim().replace(',', '.'));

/** The request the values make (the shared schema then checks it, with its own messages). */
export function requestOf(v: NeedFormValues): CreateNeedRequest {
  return {
    kind: v.kind || null,
    minAreaM2: v.minArea.trim() ? decimal(v.minArea) : null,
    attendees: Number(v.attendees),
    equipment: v.equipment,
    stepFree: v.stepFree,
    schedule: {
      from: v.from,
      until: v.when === 'range' ? v.until || v.from : v.until,
      startTime: v.startTime,
      endTime: v.endTime,
      weekdays: weekdaysOf(v),
      perWeek: v.when === 'perWeek' ? Number(v.perWeek) : null,
    },
    place:
      v.where === 'commune'
        ? { communeCode: v.commune?.communeCode ?? '', radiusKm: Number(v.radiusKm) || 20 }
        : { departementCode: v.departementCode.trim().toUpperCase() },
    maxHourlyRateCents:
      v.price === 'any' ? null : v.price === 'free' ? 0 : Math.round(decimal(v.maxEuros) * 100),
    purpose: v.purpose.trim(),
    theme: (v.theme || 'autre') as EssTheme,
    contactable: v.contactable,
    notifyMatches: v.notifyMatches,
  };
}

/** Which form field shows the shared schema's complaint about a path of the request. */
export function fieldOfPath(path: readonly PropertyKey[]): keyof NeedFormValues {
  const [head, sub] = path.map(String);
  switch (head) {
    case 'minAreaM2':
      return 'minArea';
    case 'maxHourlyRateCents':
      return 'maxEuros';
    case 'schedule':
      return sub === 'weekdays'
        ? 'weekdays'
        : sub === 'perWeek'
          ? 'perWeek'
          : sub === 'startTime'
            ? 'startTime'
            : sub === 'endTime'
              ? 'endTime'
              : sub === 'from'
                ? 'from'
                : 'until';
    case 'place':
      return sub === 'departementCode' ? 'departementCode' : sub === 'radiusKm' ? 'radiusKm' : 'commune';
    case 'kind':
    case 'attendees':
    case 'equipment':
    case 'stepFree':
    case 'purpose':
    case 'theme':
    case 'contactable':
    case 'notifyMatches':
      return head;
    default:
      return 'purpose';
  }
}

export { EQUIPMENT, SPACE_KINDS };
