import { keepPreviousData, queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { ROUTES } from '@lieux/contracts';
import { call } from '../lib/api-client';
import { availabilityOfDay, dayWindow } from '../lib/day-availability';

export interface AvailabilityWindow {
  from: string;
  to: string;
}

export function getAvailability(spaceId: string, window: AvailabilityWindow, signal?: AbortSignal) {
  return call(ROUTES.spaceAvailability, {
    params: { id: spaceId },
    query: { from: window.from, to: window.to },
    signal,
  });
}

const availabilityKey = (spaceId: string) => ['spaces', 'availability', spaceId] as const;

export const availabilityQueryOptions = (spaceId: string, window: AvailabilityWindow | null) =>
  queryOptions({
    queryKey: [...availabilityKey(spaceId), window?.from, window?.to],
    queryFn: ({ signal }) => getAvailability(spaceId, window!, signal),
    enabled: window !== null,
    staleTime: 10_000,
    refetchInterval: 60_000,
    placeholderData: keepPreviousData,
  });

export function useAvailability(spaceId: string, window: AvailabilityWindow | null) {
  return useQuery(availabilityQueryOptions(spaceId, window));
}

/** Refetches every loaded window of a space (after a booking, or when a slot turned out to be taken). */
export function useRefreshAvailability(spaceId: string) {
  const queryClient = useQueryClient();
  return useCallback(
    () => queryClient.invalidateQueries({ queryKey: availabilityKey(spaceId) }),
    [queryClient, spaceId],
  );
}

/**
 * One local day of a space's availability (`date` as `YYYY-MM-DD` in the site's zone, or null while none
 * is chosen): `day` only once that day's own answer is in, never the previous day's kept meanwhile.
 */
export function useDayAvailability(spaceId: string, date: string | null, timeZone: string) {
  const window = useMemo(() => (date ? dayWindow(date, timeZone) : null), [date, timeZone]);
  const query = useAvailability(spaceId, window);
  const day = useMemo(
    () =>
      date && query.data && !query.isPlaceholderData ? availabilityOfDay(query.data, date, timeZone) : null,
    [date, query.data, query.isPlaceholderData, timeZone],
  );
  const status: 'ready' | 'closed' | 'loading' | 'error' = day
    ? day.open.length === 0
      ? 'closed'
      : 'ready'
    : query.isError
      ? 'error'
      : 'loading';
  return { day, status };
}
