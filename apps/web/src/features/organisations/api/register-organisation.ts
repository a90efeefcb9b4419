import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ROUTES } from '@lieux/contracts';
import { call, tokenStore, type CallInput, type CallOutput } from '../../../lib/api-client';
import { ME_QUERY_KEY } from '../../../api/query-keys';

export type RegisterOrganisationInput = CallInput<typeof ROUTES.registerOrganisation>['body'];
export type RegisterOrganisationResponse = CallOutput<typeof ROUTES.registerOrganisation>;

export function registerOrganisation(input: RegisterOrganisationInput) {
  return call(ROUTES.registerOrganisation, { body: input });
}

/** Registers the organisation and signs its first admin in (the API sets the refresh cookie). */
export function useRegisterOrganisation(
  options: { onSuccess?: (res: RegisterOrganisationResponse) => void; onError?: (e: Error) => void } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: registerOrganisation,
    onSuccess: (res) => {
      queryClient.clear();
      tokenStore.set(res.accessToken);
      queryClient.setQueryData(ME_QUERY_KEY, res.user);
      options.onSuccess?.(res);
    },
    onError: (error) => options.onError?.(error),
  });
}
