import { useState } from 'react';
import { useAvailability, useRefreshAvailability, type AvailabilityWindow } from '../../../api/availability';

/** The availability of the window the calendar (or the day view's week) shows, and a way to refresh it. */
export function useSpaceAvailability(spaceId: string) {
  const [range, setRange] = useState<AvailabilityWindow | null>(null);
  const availability = useAvailability(spaceId, range);
  const refresh = useRefreshAvailability(spaceId);
  return { query: availability, setRange, refresh };
}
