import { keepPreviousData, queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ROUTES } from '@lieux/contracts';
import { call } from '../lib/api-client';

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
