import { useMutation } from '@tanstack/react-query';
import { ROUTES, type User } from '@lieux/contracts';
import { call, type CallInput } from '../../../lib/api-client';

export function createUser(input: CallInput<typeof ROUTES.createUser>['body']) {
  return call(ROUTES.createUser, { body: input });
}

/** Creates a site manager, a delegate or an admin; they receive a link to choose their password. */
export function useCreateUser(options: { onSuccess?: (u: User) => void; onError?: (e: Error) => void } = {}) {
  return useMutation({
    mutationFn: createUser,
    onSuccess: (u) => options.onSuccess?.(u),
    onError: (e) => options.onError?.(e),
  });
}
