import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  ROUTES,
  type RegisterOrganisationRequest,
  type RegisterOrganisationResponse as RegisterOrganisationResponseSchema,
} from '@lieux/contracts';
import { api, tokenStore } from '../../../lib/api-client';
import { ME_QUERY_KEY } from '../../../api/query-keys';

export type RegisterOrganisationInput = z.input<typeof RegisterOrganisationRequest>;
export type RegisterOrganisationResponse = z.infer<typeof RegisterOrganisationResponseSchema>;

export function registerOrganisation(
  input: RegisterOrganisationInput,
): Promise<RegisterOrganisationResponse> {
  return api.post<RegisterOrganisationResponse>(ROUTES.registerOrganisation.path, input);
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
