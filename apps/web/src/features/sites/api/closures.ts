import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ROUTES, type Closure } from '@lieux/contracts';
import { api } from '../../../lib/api-client';
import { siteQueryKey } from './get-site';
import { sitePath } from './get-sites';

export interface NewClosure {
  startsOn: string;
  endsOn: string;
  reason: string;
}

export function addClosure({ siteId, closure }: { siteId: string; closure: NewClosure }): Promise<Closure> {
  return api.post<Closure>(sitePath(ROUTES.addClosure.path, siteId), closure);
}

export function removeClosure({ siteId, closureId }: { siteId: string; closureId: string }): Promise<void> {
  return api.delete<void>(
    sitePath(ROUTES.removeClosure.path, siteId).replace('{closureId}', encodeURIComponent(closureId)),
  );
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
