import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROUTES, type Booking, type JoinWaitlistRequest, type WaitlistEntry } from '@lieux/contracts';
import { api } from '../../../lib/api-client';
import { MY_BOOKINGS_QUERY_KEY } from '../../../api/query-keys';

export const WAITLIST_QUERY_KEY = ['waitlist', 'mine'] as const;

const withId = (path: string, id: string) => path.replace('{id}', encodeURIComponent(id));

export function useMyWaitlist() {
  return useQuery({
    queryKey: WAITLIST_QUERY_KEY,
    queryFn: () => api.get<{ items: WaitlistEntry[] }>(ROUTES.listWaitlist.path),
  });
}

export function useJoinWaitlist(options: { onSuccess?: (e: WaitlistEntry) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: JoinWaitlistRequest) => api.post<WaitlistEntry>(ROUTES.joinWaitlist.path, request),
    onSuccess: (entry) => {
      void queryClient.invalidateQueries({ queryKey: WAITLIST_QUERY_KEY });
      options.onSuccess?.(entry);
    },
  });
}

export function useAcceptOffer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Booking>(withId(ROUTES.acceptWaitlistOffer.path, id)),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: WAITLIST_QUERY_KEY });
      void queryClient.invalidateQueries({ queryKey: MY_BOOKINGS_QUERY_KEY });
    },
  });
}

export function useLeaveWaitlist() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(withId(ROUTES.leaveWaitlist.path, id)),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: WAITLIST_QUERY_KEY }),
  });
}
