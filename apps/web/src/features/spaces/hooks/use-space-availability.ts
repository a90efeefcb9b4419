import { useMemo, useState } from 'react';
import { useAvailability, useRefreshAvailability, type AvailabilityWindow } from '../../../api/availability';

/**
 * The availability of the window the calendar shows, and its free periods as instants for the booking
 * form; `freeWindow` only once the window's own answer is in (not the previous window's, kept meanwhile).
 */
export function useSpaceAvailability(spaceId: string) {
  const [range, setRange] = useState<AvailabilityWindow | null>(null);
  const availability = useAvailability(spaceId, range);
  const refresh = useRefreshAvailability(spaceId);

  const free = useMemo(
    () =>
      (availability.data?.free ?? []).map((f) => ({ start: Date.parse(f.start), end: Date.parse(f.end) })),
    [availability.data],
  );
  const freeWindow = useMemo(
    () =>
      range && !availability.isPlaceholderData
        ? { start: Date.parse(range.from), end: Date.parse(range.to) }
        : undefined,
    [range, availability.isPlaceholderData],
  );
  return { query: availability, setRange, refresh, free, freeWindow };
}
