import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { API_BASE_PATH, ROUTES } from '@lieux/contracts';
import { call, toApiError, type CallInput, tokenStore } from '../../../lib/api-client';

/** The report's query, with the grouping always said: the CSV link carries the same parameters. */
export type OccupancyParams = Required<CallInput<typeof ROUTES.occupancyReport>['query']>;

export function getOccupancy(p: OccupancyParams) {
  return call(ROUTES.occupancyReport, { query: p });
}

/** One grouping of the occupancy of a scope over a period. */
export function useOccupancy(p: OccupancyParams, enabled = true) {
  return useQuery({
    queryKey: ['occupancy', p],
    queryFn: () => getOccupancy(p),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** Downloads the same report as CSV (the API renders it for a French spreadsheet). */
export async function downloadOccupancyCsv(p: OccupancyParams): Promise<void> {
  const url = new URL(`${API_BASE_PATH}${ROUTES.occupancyReport.path}`, window.location.origin);
  for (const [k, v] of Object.entries(p)) url.searchParams.set(k, v);
  const token = tokenStore.get();
  const res = await fetch(url, {
    headers: { Accept: 'text/csv', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    credentials: 'same-origin',
  });
  if (!res.ok) throw await toApiError(res);
  const name =
    /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'occupation.csv';
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(href);
}
