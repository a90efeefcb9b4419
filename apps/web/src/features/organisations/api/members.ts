import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { ROUTES, type InviteMemberRequest, type MemberList } from '@lieux/contracts';
import { api } from '../../../lib/api-client';

export type Member = z.infer<typeof MemberList>['items'][number];
export interface Invitation {
  id: string;
  email: string;
  role: string;
  expiresAt: string;
}
export type InviteMemberInput = z.input<typeof InviteMemberRequest>;

const membersPath = (organisationId: string) =>
  ROUTES.listMembers.path.replace('{id}', encodeURIComponent(organisationId));

export const membersQueryKey = (organisationId: string) => ['organisations', organisationId, 'members'];

export function getMembers(organisationId: string): Promise<{ items: Member[] }> {
  return api.get<{ items: Member[] }>(membersPath(organisationId));
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

export function inviteMember({
  organisationId,
  ...body
}: InviteMemberInput & { organisationId: string }): Promise<Invitation> {
  return api.post<Invitation>(membersPath(organisationId), body);
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
