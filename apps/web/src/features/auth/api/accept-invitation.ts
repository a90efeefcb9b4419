import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ROUTES, type LoginResponse } from '@lieux/contracts';
import { call, tokenStore, type CallInput } from '../../../lib/api-client';
import { ME_QUERY_KEY } from '../../../api/query-keys';

export type AcceptInvitationInput = CallInput<typeof ROUTES.acceptInvitation>['body'];

export function acceptInvitation(input: AcceptInvitationInput) {
  return call(ROUTES.acceptInvitation, { body: input });
}

/** Joins the organisation (or takes up a staff account) and signs in. */
export function useAcceptInvitation(
  options: { onSuccess?: (res: LoginResponse) => void; onError?: (e: Error) => void } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: acceptInvitation,
    onSuccess: (res) => {
      queryClient.clear();
      tokenStore.set(res.accessToken);
      queryClient.setQueryData(ME_QUERY_KEY, res.user);
      options.onSuccess?.(res);
    },
    onError: (e) => options.onError?.(e),
  });
}
