/**
 * The life of a booking as a pure state machine: which change may happen from which status, who may make
 * it and when. The API applies the answer in one conditional UPDATE, so a concurrent change turns into a
 * clean "state changed" refusal rather than a lost update.
 */

export const LIFECYCLE_STATUSES = [
  'pending',
  'confirmed',
  'rejected',
  'cancelled',
  'completed',
  'no_show',
  'expired',
  'released',
] as const;
export type LifecycleStatus = (typeof LIFECYCLE_STATUSES)[number];

/** The statuses that hold the slot (the exclusion constraint covers exactly these). */
export const ACTIVE_STATUSES: readonly LifecycleStatus[] = ['pending', 'confirmed'];

export type BookingAction = 'approve' | 'reject' | 'cancel' | 'no_show' | 'complete' | 'expire' | 'release';

/**
 * Who acts: a member of the organisation that booked, a manager of the site (or an admin), or the
 * platform itself (sweeps for completion and expiry).
 */
export type Actor = 'owner' | 'manager' | 'system';

export type TransitionRefusal =
  /** This kind of actor never makes this change. */
  | 'FORBIDDEN'
  /** The booking is no longer in a status this change starts from. */
  | 'STATE_CHANGED'
  /** A manager's cancellation and every rejection must say why. */
  | 'REASON_REQUIRED'
  /** Too late: the booking has started. */
  | 'ALREADY_STARTED'
  /** Too early: a no-show before the start, a completion before the end. */
  | 'NOT_STARTED'
  | 'NOT_ENDED';

export interface TransitionRequest {
  status: LifecycleStatus;
  /** The booking's period, epoch milliseconds. */
  start: number;
  end: number;
  now: number;
  actor: Actor;
  reason?: string | null;
}

export type TransitionResult =
  { ok: true; to: LifecycleStatus; lateCancellation: boolean } | { ok: false; refusal: TransitionRefusal };

interface Rule {
  from: readonly LifecycleStatus[];
  to: LifecycleStatus;
  actors: readonly Actor[];
}

export const TRANSITIONS: Record<BookingAction, Rule> = {
  approve: { from: ['pending'], to: 'confirmed', actors: ['manager'] },
  reject: { from: ['pending'], to: 'rejected', actors: ['manager'] },
  cancel: { from: ['pending', 'confirmed'], to: 'cancelled', actors: ['owner', 'manager'] },
  // A no-show may be marked once the completion sweep has passed too.
  no_show: { from: ['confirmed', 'completed'], to: 'no_show', actors: ['manager'] },
  complete: { from: ['confirmed'], to: 'completed', actors: ['system'] },
  expire: { from: ['pending'], to: 'expired', actors: ['system'] },
  // Nobody checked in by the space's deadline (see check-in.ts): the rest of the slot goes back.
  release: { from: ['confirmed'], to: 'released', actors: ['system'] },
};

/** A cancellation less than this before the start is a late one (reported in occupancy). */
export const LATE_CANCELLATION_MS = 24 * 3600_000;

const blank = (s: string | null | undefined) => !s || s.trim().length === 0;

/** Whether `action` may happen now, and to which status. Checks who, then from what, then when, then why. */
export function transition(action: BookingAction, r: TransitionRequest): TransitionResult {
  const rule = TRANSITIONS[action];
  if (!rule.actors.includes(r.actor)) return { ok: false, refusal: 'FORBIDDEN' };
  if (!rule.from.includes(r.status)) return { ok: false, refusal: 'STATE_CHANGED' };
  switch (action) {
    case 'approve':
    case 'cancel':
      if (r.now >= r.start) return { ok: false, refusal: 'ALREADY_STARTED' };
      break;
    case 'no_show':
      if (r.now < r.start) return { ok: false, refusal: 'NOT_STARTED' };
      break;
    case 'complete':
      if (r.now < r.end) return { ok: false, refusal: 'NOT_ENDED' };
      break;
    case 'release':
      if (r.now < r.start) return { ok: false, refusal: 'NOT_STARTED' };
      break;
    default:
      break;
  }
  if ((action === 'reject' || (action === 'cancel' && r.actor === 'manager')) && blank(r.reason)) {
    return { ok: false, refusal: 'REASON_REQUIRED' };
  }
  return {
    ok: true,
    to: rule.to,
    lateCancellation: action === 'cancel' && r.start - r.now < LATE_CANCELLATION_MS,
  };
}

/**
 * Whether a booking may be changed (moved to another period of its space, or its number of people): while it
 * holds its slot and has not started, by its organisation, or by a manager of its site who says why (the
 * organisation is told). Null when it may; the period's own rules are the space's policy, checked apart.
 */
export function changeRefusal(r: TransitionRequest): TransitionRefusal | null {
  if (r.actor === 'system') return 'FORBIDDEN';
  if (!ACTIVE_STATUSES.includes(r.status)) return 'STATE_CHANGED';
  if (r.now >= r.start) return 'ALREADY_STARTED';
  if (r.actor === 'manager' && blank(r.reason)) return 'REASON_REQUIRED';
  return null;
}

/** Statuses no change leaves: the booking's story is over. */
export function isFinal(status: LifecycleStatus): boolean {
  return !Object.values(TRANSITIONS).some((rule) => rule.from.includes(status));
}

/** The changes an actor could make now, for the UI to offer only those. */
export function allowedActions(r: Omit<TransitionRequest, 'reason'>, reasonGiven = true): BookingAction[] {
  return (Object.keys(TRANSITIONS) as BookingAction[]).filter(
    (a) => transition(a, { ...r, reason: reasonGiven ? 'x' : null }).ok,
  );
}
