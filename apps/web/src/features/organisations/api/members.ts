import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROUTES } from '@lieux/contracts';
import { call, type CallInput, type CallOutput } from '../../../lib/api-client';

export type Member = CallOutput<typeof ROUTES.listMembers>['items'][number];
export type Invitation = CallOutput<typeof ROUTES.inviteMember>;
export type InviteMemberInput = CallInput<typeof ROUTES.inviteMember>['body'];

export const membersQueryKey = (organisationId: string) => ['organisations', organisationId, 'members'];

export function getMembers(organisationId: string) {
  return call(ROUTES.listMembers, { params: { id: organisationId } });
}

export const membersQueryOptions = (organisationId: string | undefined) =>
  queryOptions({
    queryKey: membersQueryKey(organisationId ?? ''),
    queryFn: () => getMembers(organisationId!),
    enabled: !!organisationId,
  });

export function useMembers(organisationId: string | undefined) {
  return useQuery(membersQueryOptions(organisationId));
}

export function inviteMember({ organisationId, ...body }: InviteMemberInput & { organisationId: string }) {
  return call(ROUTES.inviteMember, { params: { id: organisationId }, body });
}

/** Sends a single-use invitation link (valid 7 days) by e-mail. */
export function useInviteMember(
  options: { onSuccess?: (i: Invitation) => void; onError?: (e: Error) => void } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: inviteMember,
    onSuccess: (invitation, input) => {
      void queryClient.invalidateQueries({ queryKey: membersQueryKey(input.organisationId) });
      options.onSuccess?.(invitation);
    },
    onError: (error) => options.onError?.(error),
  });
}
