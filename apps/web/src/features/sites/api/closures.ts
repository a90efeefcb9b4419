import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ROUTES, type Closure } from '@lieux/contracts';
import { call, type CallInput } from '../../../lib/api-client';
import { siteQueryKey } from './get-site';

export type NewClosure = CallInput<typeof ROUTES.addClosure>['body'];

export function addClosure({ siteId, closure }: { siteId: string; closure: NewClosure }) {
  return call(ROUTES.addClosure, { params: { id: siteId }, body: closure });
}

export function removeClosure({ siteId, closureId }: { siteId: string; closureId: string }) {
  return call(ROUTES.removeClosure, { params: { id: siteId, closureId } });
}

/** Closes a site on a date or a period. */
export function useAddClosure(options: { onSuccess?: (c: Closure) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addClosure,
    onSuccess: (closure, { siteId }) => {
      void queryClient.invalidateQueries({ queryKey: siteQueryKey(siteId) });
      options.onSuccess?.(closure);
    },
  });
}

/** Removes a closure. */
export function useRemoveClosure() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeClosure,
    onSuccess: (_, { siteId }) => queryClient.invalidateQueries({ queryKey: siteQueryKey(siteId) }),
  });
}
