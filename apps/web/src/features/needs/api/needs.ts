import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import {
  API_BASE_PATH,
  ROUTES,
  type BookNeedRequest,
  type BookNeedResponse,
  type CloseNeedRequest,
  type ContactNeedRequest,
  type CreateNeedRequest,
  type Need,
  type UpdateNeedRequest,
} from '@lieux/contracts';
import { MY_BOOKINGS_QUERY_KEY } from '../../../api/query-keys';
import { call, toApiError, tokenStore, type CallInput } from '../../../lib/api-client';
import { saveFile } from '../../../lib/save-file';

/** Every cached read of the organisation's needs (the list, one need, its matches) starts with this. */
export const NEEDS_QUERY_KEY = ['needs'] as const;
const needKey = (id: string) => [...NEEDS_QUERY_KEY, 'one', id] as const;
const matchesKey = (id: string) => [...NEEDS_QUERY_KEY, 'matches', id] as const;

/** The organisation's needs, newest first, a page at a time. */
export function useMyNeeds() {
  return useInfiniteQuery({
    queryKey: [...NEEDS_QUERY_KEY, 'mine'],
    queryFn: ({ pageParam }) => call(ROUTES.listNeeds, { query: { limit: 50, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useNeed(id: string) {
  return useQuery({ queryKey: needKey(id), queryFn: () => call(ROUTES.getNeed, { params: { id } }) });
}

/** The spaces meeting a need, best first; asked again whenever the need changes. */
export function useNeedMatches(id: string, enabled = true) {
  return useQuery({
    queryKey: matchesKey(id),
    queryFn: () => call(ROUTES.needMatches, { params: { id } }),
    enabled,
  });
}

function useNeedsChanged() {
  const queryClient = useQueryClient();
  return (need?: Need) => {
    if (need) queryClient.setQueryData(needKey(need.id), need);
    void queryClient.invalidateQueries({ queryKey: NEEDS_QUERY_KEY });
  };
}

export function useCreateNeed(options: { onSuccess?: (need: Need) => void } = {}) {
  const changed = useNeedsChanged();
  return useMutation({
    mutationFn: (body: CreateNeedRequest) => call(ROUTES.createNeed, { body }),
    onSuccess: (need) => {
      changed(need);
      options.onSuccess?.(need);
    },
  });
}

export function useUpdateNeed(id: string, options: { onSuccess?: (need: Need) => void } = {}) {
  const changed = useNeedsChanged();
  return useMutation({
    mutationFn: (body: UpdateNeedRequest) => call(ROUTES.updateNeed, { params: { id }, body }),
    onSuccess: (need) => {
      changed(need);
      options.onSuccess?.(need);
    },
  });
}

export function useCloseNeed(id: string, options: { onSuccess?: (need: Need) => void } = {}) {
  const changed = useNeedsChanged();
  return useMutation({
    mutationFn: (body: CloseNeedRequest) => call(ROUTES.closeNeed, { params: { id }, body }),
    onSuccess: (need) => {
      changed(need);
      options.onSuccess?.(need);
    },
  });
}

/** Books every free occurrence of the need on one of its matches; the bookings' lists are stale then. */
export function useBookNeed(id: string, options: { onSuccess?: (result: BookNeedResponse) => void } = {}) {
  const changed = useNeedsChanged();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BookNeedRequest) => call(ROUTES.bookNeed, { params: { id }, body }),
    onSuccess: (result) => {
      changed(result.need);
      void queryClient.invalidateQueries({ queryKey: MY_BOOKINGS_QUERY_KEY });
      options.onSuccess?.(result);
    },
  });
}

/** Open needs within reach of one of the manager's sites. */
export function useNearbyNeeds(siteId: string) {
  return useInfiniteQuery({
    queryKey: ['needs-nearby', siteId],
    queryFn: ({ pageParam }) => call(ROUTES.nearbyNeeds, { query: { siteId, limit: 50, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useContactNeed(options: { onSuccess?: () => void } = {}) {
  return useMutation({
    mutationFn: ({ needId, ...body }: ContactNeedRequest & { needId: string }) =>
      call(ROUTES.contactNeed, { params: { id: needId }, body }),
    onSuccess: () => options.onSuccess?.(),
  });
}

/** The unmet-demand report's query, as the page and its CSV link send it. */
export type UnmetDemandParams = NonNullable<CallInput<typeof ROUTES.unmetDemand>['query']>;

export function useUnmetDemand(p: UnmetDemandParams, enabled = true) {
  return useQuery({
    queryKey: ['unmet-demand', p],
    queryFn: () => call(ROUTES.unmetDemand, { query: p }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** Downloads the same report as CSV (the API writes it for a French spreadsheet). */
export async function downloadUnmetDemandCsv(p: UnmetDemandParams): Promise<void> {
  const url = new URL(`${API_BASE_PATH}${ROUTES.unmetDemand.path}`, window.location.origin);
  for (const [k, v] of Object.entries(p)) if (v !== undefined) url.searchParams.set(k, String(v));
  const token = tokenStore.get();
  const res = await fetch(url, {
    headers: { Accept: 'text/csv', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    credentials: 'same-origin',
  });
  if (!res.ok) throw await toApiError(res);
  const name =
    /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ??
    'demande-non-satisfaite.csv';
  saveFile(await res.blob(), name);
}
