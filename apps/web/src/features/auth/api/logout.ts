import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ROUTES } from '@lieux/contracts';
import { api, tokenStore } from '../../../lib/api-client';

export function logout(): Promise<void> {
  return api.post<void>(ROUTES.logout.path);
}

/** Signs out on the server when possible; the local session ends either way. */
export function useLogout(options: { onSettled?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      tokenStore.clear('signedOut');
      queryClient.clear();
      options.onSettled?.();
    },
  });
}
