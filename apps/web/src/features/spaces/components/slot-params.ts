/**
 * A slot kept in a space page's address (`/espaces/<id>?date=2026-12-08&debut=10:00&fin=11:00`), in the
 * site's wall-clock time: a visitor who picked it signs in and comes back to the booking dialog on it
 * (`attente=oui`: to the waiting list of a busy slot instead).
 */
export interface PickedSlot {
  date: string;
  startTime: string;
  endTime: string;
  /** Join the waiting list for it (the slot was busy) rather than book it. */
  wait: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export const SLOT_PARAMS = ['date', 'debut', 'fin', 'attente'] as const;

/** The slot of a space page's query, or null when it is missing or malformed. */
export function slotFromParams(params: URLSearchParams): PickedSlot | null {
  const date = params.get('date') ?? '';
  const startTime = params.get('debut') ?? '';
  const endTime = params.get('fin') ?? '';
  if (!DATE.test(date) || !TIME.test(startTime) || !TIME.test(endTime)) return null;
  // A slot up to midnight ends at 00:00.
  if (endTime !== '00:00' && endTime <= startTime) return null;
  return { date, startTime, endTime, wait: params.get('attente') === 'oui' };
}

/** A space page's address with the slot in its query. */
export function spacePathWithSlot(spacePath: string, slot: PickedSlot): string {
  const params = new URLSearchParams({ date: slot.date, debut: slot.startTime, fin: slot.endTime });
  if (slot.wait) params.set('attente', 'oui');
  return `${spacePath}?${params.toString()}`;
}

/** The query without the slot (once the dialog it asked for is open). */
export function withoutSlot(params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of SLOT_PARAMS) next.delete(key);
  return next;
}
