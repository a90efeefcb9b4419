import { useMutation } from '@tanstack/react-query';
import { ROUTES } from '@lieux/contracts';
import { call, type CallInput } from '../../../lib/api-client';

export function requestPasswordReset(input: CallInput<typeof ROUTES.requestPasswordReset>['body']) {
  return call(ROUTES.requestPasswordReset, { body: input });
}

export function confirmPasswordReset(input: CallInput<typeof ROUTES.confirmPasswordReset>['body']) {
  return call(ROUTES.confirmPasswordReset, { body: input });
}

/** Always answers the same whether or not the address has an account (202). */
export function useRequestPasswordReset(options: { onSuccess?: () => void } = {}) {
  return useMutation({ mutationFn: requestPasswordReset, onSuccess: () => options.onSuccess?.() });
}

/** Sets the new password with the link's token; every session of the account ends. */
export function useConfirmPasswordReset(
  options: { onSuccess?: () => void; onError?: (e: Error) => void } = {},
) {
  return useMutation({
    mutationFn: confirmPasswordReset,
    onSuccess: () => options.onSuccess?.(),
    onError: (e) => options.onError?.(e),
  });
}
