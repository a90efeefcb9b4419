import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROUTES, type JoinWaitlistRequest, type WaitlistEntry } from '@lieux/contracts';
import { call } from '../../../lib/api-client';
import { MY_BOOKINGS_QUERY_KEY } from '../../../api/query-keys';

export const WAITLIST_QUERY_KEY = ['waitlist', 'mine'] as const;

export function useMyWaitlist() {
  return useQuery({
    queryKey: WAITLIST_QUERY_KEY,
    queryFn: () => call(ROUTES.listWaitlist),
  });
}

export function useJoinWaitlist(options: { onSuccess?: (e: WaitlistEntry) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: JoinWaitlistRequest) => call(ROUTES.joinWaitlist, { body: request }),
    onSuccess: (entry) => {
      void queryClient.invalidateQueries({ queryKey: WAITLIST_QUERY_KEY });
      options.onSuccess?.(entry);
    },
  });
}

export function useAcceptOffer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(ROUTES.acceptWaitlistOffer, { params: { id } }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: WAITLIST_QUERY_KEY });
      void queryClient.invalidateQueries({ queryKey: MY_BOOKINGS_QUERY_KEY });
    },
  });
}

export function useLeaveWaitlist() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(ROUTES.leaveWaitlist, { params: { id } }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: WAITLIST_QUERY_KEY }),
  });
}
