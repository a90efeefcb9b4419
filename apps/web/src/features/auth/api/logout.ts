import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ROUTES } from '@lieux/contracts';
import { call, tokenStore } from '../../../lib/api-client';

export function logout() {
  return call(ROUTES.logout);
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
