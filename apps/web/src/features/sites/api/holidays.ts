import { useMutation, useQuery, useQueryClient, queryOptions } from '@tanstack/react-query';
import { ROUTES } from '@lieux/contracts';
import { api } from '../../../lib/api-client';
import { sitePath } from './get-sites';

export interface SiteHoliday {
  date: string;
  name: string;
  open: boolean;
}

export function getHolidays(siteId: string, year: number): Promise<{ items: SiteHoliday[] }> {
  return api.get<{ items: SiteHoliday[] }>(sitePath(ROUTES.siteHolidays.path, siteId), { query: { year } });
}

export function setHolidayOpenings({
  siteId,
  year,
  dates,
}: {
  siteId: string;
  year: number;
  dates: string[];
}): Promise<{ items: SiteHoliday[] }> {
  return api.put<{ items: SiteHoliday[] }>(
    sitePath(ROUTES.setHolidayOpenings.path, siteId),
    { dates },
    { query: { year } },
  );
}

const holidaysKey = (siteId: string, year: number) => ['sites', 'holidays', siteId, year] as const;

export const holidaysQueryOptions = (siteId: string, year: number) =>
  queryOptions({ queryKey: holidaysKey(siteId, year), queryFn: () => getHolidays(siteId, year) });

/** The public holidays of a site's département for a year, and whether it opens on each. */
export function useHolidays(siteId: string, year: number) {
  return useQuery(holidaysQueryOptions(siteId, year));
}

/** The holidays of a year on which the site opens (replaces that year's list). */
export function useSetHolidayOpenings(options: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setHolidayOpenings,
    onSuccess: (data, { siteId, year }) => {
      queryClient.setQueryData(holidaysKey(siteId, year), data);
      options.onSuccess?.();
    },
  });
}
