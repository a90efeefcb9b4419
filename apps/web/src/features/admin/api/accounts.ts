import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { ROUTES, type Account, type Role } from '@lieux/contracts';
import { call, type CallInput } from '../../../lib/api-client';

export interface AccountFilters {
  q: string;
  role: Role | '';
}

/** Accounts by name, searched and filtered; each further page follows. */
export function useAccounts(f: AccountFilters) {
  return useInfiniteQuery({
    queryKey: ['accounts', f],
    queryFn: ({ pageParam }) =>
      call(ROUTES.listUsers, {
        query: { q: f.q || undefined, role: f.role || undefined, limit: 25, cursor: pageParam },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** Every site, for choosing the ones a manager runs. */
export function useAllSites() {
  return useQuery({ queryKey: ['sites', 'all'], queryFn: () => call(ROUTES.listSites), staleTime: 60_000 });
}

type AccountAction =
  | { kind: 'roles'; id: string; body: CallInput<typeof ROUTES.setUserRoles>['body'] }
  | { kind: 'deactivate' | 'reactivate' | 'invitation'; id: string };

const ROUTE_OF = {
  deactivate: ROUTES.deactivateUser,
  reactivate: ROUTES.reactivateUser,
  invitation: ROUTES.resendInvitation,
} as const;

/** Changes an account (roles, deactivation, reactivation, a new invitation); the list follows. */
export function useAccountAction(options: { onSuccess?: (a: Account, action: AccountAction) => void } = {}) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (a: AccountAction) =>
      a.kind === 'roles'
        ? call(ROUTES.setUserRoles, { params: { id: a.id }, body: a.body })
        : call(ROUTE_OF[a.kind], { params: { id: a.id } }),
    onSuccess: async (account, action) => {
      await client.invalidateQueries({ queryKey: ['accounts'] });
      await client.invalidateQueries({ queryKey: ['audit'] });
      options.onSuccess?.(account, action);
    },
  });
}
