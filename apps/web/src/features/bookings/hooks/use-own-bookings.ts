import { useMemo } from 'react';
import { ACTIVE_STATUSES } from '@lieux/scheduling';
import { useMyBookings } from '../api/get-my-bookings';

/** The caller's pending and confirmed bookings of one space, as the calendar marks them. */
export function useOwnBookings(spaceId: string) {
  const myBookings = useMyBookings();
  return useMemo(
    () =>
      (myBookings.data?.items ?? [])
        .filter((b) => b.spaceId === spaceId && ACTIVE_STATUSES.includes(b.status))
        .map((b) => ({ id: b.id, start: b.start, end: b.end, title: b.title })),
    [myBookings.data, spaceId],
  );
}
