import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ROUTES, type LoginResponse } from '@lieux/contracts';
import { call, tokenStore, type CallInput } from '../../../lib/api-client';
import { ME_QUERY_KEY } from '../../../api/query-keys';

export function login(input: CallInput<typeof ROUTES.login>['body']) {
  return call(ROUTES.login, { body: input });
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
