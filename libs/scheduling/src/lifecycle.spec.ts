import fc from 'fast-check';
import {
  ACTIVE_STATUSES,
  allowedActions,
  changeRefusal,
  isFinal,
  LATE_CANCELLATION_MS,
  LIFECYCLE_STATUSES,
  transition,
  TRANSITIONS,
  type Actor,
  type BookingAction,
} from './lifecycle';

const HOUR = 3600_000;
const start = Date.parse('2026-03-10T09:00:00Z');
const end = start + 2 * HOUR;
const req = (o: Partial<Parameters<typeof transition>[1]> = {}) => ({
  status: 'confirmed' as const,
  start,
  end,
  now: start - 48 * HOUR,
  actor: 'owner' as Actor,
  reason: null,
  ...o,
});

const status = fc.constantFrom(...LIFECYCLE_STATUSES);
const action = fc.constantFrom(...(Object.keys(TRANSITIONS) as BookingAction[]));
const actor = fc.constantFrom<Actor>('owner', 'manager', 'system');
const reason = fc.option(fc.string({ maxLength: 20 }), { nil: null });
const request = fc.record({
  status,
  start: fc.integer({ min: 0, max: 1e12 }),
  duration: fc.integer({ min: 1, max: 24 * HOUR }),
  offset: fc.integer({ min: -72 * HOUR, max: 72 * HOUR }),
  actor,
  reason,
});
type Generated = {
  status: (typeof LIFECYCLE_STATUSES)[number];
  start: number;
  duration: number;
  offset: number;
  actor: Actor;
  reason: string | null;
};
const toRequest = (r: Generated) => ({
  status: r.status,
  start: r.start,
  end: r.start + r.duration,
  now: r.start + r.offset,
  actor: r.actor,
  reason: r.reason,
});

describe('booking lifecycle', () => {
  it.each([
    ['approve', 'pending', 'manager', 'confirmed'],
    ['reject', 'pending', 'manager', 'rejected'],
    ['cancel', 'pending', 'owner', 'cancelled'],
    ['cancel', 'confirmed', 'owner', 'cancelled'],
    ['cancel', 'confirmed', 'manager', 'cancelled'],
    ['expire', 'pending', 'system', 'expired'],
  ] as const)('%s from %s by %s → %s', (a, from, who, to) => {
    expect(transition(a, req({ status: from, actor: who, reason: 'Travaux' }))).toEqual({
      ok: true,
      to,
      lateCancellation: false,
    });
  });

  it('completes a confirmed booking only once it has ended', () => {
    expect(transition('complete', req({ actor: 'system', now: end - 1 }))).toEqual({
      ok: false,
      refusal: 'NOT_ENDED',
    });
    expect(transition('complete', req({ actor: 'system', now: end }))).toMatchObject({ to: 'completed' });
  });

  it('marks a no-show only after the start, also after completion', () => {
    expect(transition('no_show', req({ actor: 'manager', now: start - 1 }))).toEqual({
      ok: false,
      refusal: 'NOT_STARTED',
    });
    expect(transition('no_show', req({ actor: 'manager', now: start }))).toMatchObject({ to: 'no_show' });
    expect(
      transition('no_show', req({ status: 'completed', actor: 'manager', now: end + HOUR })),
    ).toMatchObject({ to: 'no_show' });
  });

  it('asks a manager why they cancel, not the organisation', () => {
    expect(transition('cancel', req({ actor: 'manager', reason: '  ' }))).toEqual({
      ok: false,
      refusal: 'REASON_REQUIRED',
    });
    expect(transition('cancel', req({ actor: 'owner', reason: null })).ok).toBe(true);
    expect(transition('reject', req({ status: 'pending', actor: 'manager' }))).toEqual({
      ok: false,
      refusal: 'REASON_REQUIRED',
    });
  });

  it('flags a cancellation under 24 h as late, exactly at the boundary', () => {
    const at = (now: number) => transition('cancel', req({ now }));
    expect(at(start - LATE_CANCELLATION_MS)).toMatchObject({ lateCancellation: false });
    expect(at(start - LATE_CANCELLATION_MS + 1)).toMatchObject({ lateCancellation: true });
    expect(at(start)).toEqual({ ok: false, refusal: 'ALREADY_STARTED' });
  });

  it('knows which statuses are final', () => {
    expect(LIFECYCLE_STATUSES.filter(isFinal)).toEqual([
      'rejected',
      'cancelled',
      'no_show',
      'expired',
      'released',
    ]);
  });

  it('offers an actor only what it may do now', () => {
    expect(allowedActions({ status: 'pending', start, end, now: start - HOUR, actor: 'manager' })).toEqual([
      'approve',
      'reject',
      'cancel',
    ]);
    expect(allowedActions({ status: 'confirmed', start, end, now: start + HOUR, actor: 'owner' })).toEqual(
      [],
    );
  });

  describe('properties', () => {
    it('never leaves a final status, and never enters pending', () => {
      fc.assert(
        fc.property(action, request, (a, r) => {
          const out = transition(a, toRequest(r));
          if (isFinal(r.status)) expect(out.ok).toBe(false);
          if (out.ok) expect(out.to).not.toBe('pending');
        }),
      );
    });

    it('an actor outside the rule is always refused as FORBIDDEN, whatever the state or time', () => {
      fc.assert(
        fc.property(action, request, (a, r) => {
          const out = transition(a, toRequest(r));
          if (!TRANSITIONS[a].actors.includes(r.actor))
            expect(out).toEqual({ ok: false, refusal: 'FORBIDDEN' });
        }),
      );
    });

    it('an allowed actor from a wrong status is told the state changed (409), never anything else', () => {
      fc.assert(
        fc.property(action, request, (a, r) => {
          const out = transition(a, toRequest(r));
          if (TRANSITIONS[a].actors.includes(r.actor) && !TRANSITIONS[a].from.includes(r.status))
            expect(out).toEqual({ ok: false, refusal: 'STATE_CHANGED' });
        }),
      );
    });

    it('only a change from an active status frees the slot, and nothing makes a freed slot active again', () => {
      fc.assert(
        fc.property(action, request, (a, r) => {
          const out = transition(a, toRequest(r));
          if (out.ok && !ACTIVE_STATUSES.includes(r.status)) expect(ACTIVE_STATUSES).not.toContain(out.to);
        }),
      );
    });

    it('nobody acts on a booking that has started except to mark a no-show or complete it', () => {
      fc.assert(
        fc.property(action, request, (a, r) => {
          const q = toRequest(r);
          const out = transition(a, q);
          if (out.ok && q.now >= q.start)
            expect(['no_show', 'complete', 'expire', 'reject', 'release']).toContain(a);
        }),
      );
    });

    it('a cancellation is late exactly when it comes less than 24 h before the start', () => {
      fc.assert(
        fc.property(request, (r) => {
          const q = toRequest({ ...r, status: 'confirmed', actor: 'owner' });
          const out = transition('cancel', q);
          if (out.ok) expect(out.lateCancellation).toBe(q.start - q.now < LATE_CANCELLATION_MS);
          else expect(out.refusal).toBe('ALREADY_STARTED');
        }),
      );
    });

    it('any accepted change lands on its rule’s status', () => {
      fc.assert(
        fc.property(action, request, (a, r) => {
          const out = transition(a, toRequest(r));
          if (out.ok) expect(out.to).toBe(TRANSITIONS[a].to);
        }),
      );
    });
  });

  describe('changing a booking', () => {
    it('is allowed exactly when a cancellation by the same actor, with the same reason, would be', () => {
      fc.assert(
        fc.property(request, (r) => {
          const q = toRequest(r);
          expect(changeRefusal(q) === null).toBe(transition('cancel', q).ok);
        }),
      );
    });

    it('names why it is refused', () => {
      expect(changeRefusal(req({ status: 'cancelled' }))).toBe('STATE_CHANGED');
      expect(changeRefusal(req({ now: start }))).toBe('ALREADY_STARTED');
      expect(changeRefusal(req({ actor: 'manager', reason: ' ' }))).toBe('REASON_REQUIRED');
      expect(changeRefusal(req({ actor: 'manager', reason: 'Travaux' }))).toBeNull();
      expect(changeRefusal(req({ status: 'pending' }))).toBeNull();
      expect(changeRefusal(req({ actor: 'system' }))).toBe('FORBIDDEN');
    });
  });
});
