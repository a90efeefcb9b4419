import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ROUTES, type LoginRequest, type LoginResponse } from '@lieux/contracts';
import { api, tokenStore } from '../../../lib/api-client';
import { ME_QUERY_KEY } from '../../../api/query-keys';

export function login(input: LoginRequest): Promise<LoginResponse> {
  return api.post<LoginResponse>(ROUTES.login.path, input);
}

export function useLogin(options: { onSuccess?: (res: LoginResponse) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (res) => {
      tokenStore.set(res.accessToken);
      queryClient.setQueryData(ME_QUERY_KEY, res.user);
      options.onSuccess?.(res);
    },
  });
}
