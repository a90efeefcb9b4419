import { useMutation, useQuery, useQueryClient, queryOptions } from '@tanstack/react-query';
import { ROUTES } from '@lieux/contracts';
import { call, type CallOutput } from '../../../lib/api-client';

export type SiteHoliday = CallOutput<typeof ROUTES.siteHolidays>['items'][number];

export function getHolidays(siteId: string, year: number) {
  return call(ROUTES.siteHolidays, { params: { id: siteId }, query: { year } });
}

export function setHolidayOpenings({
  siteId,
  year,
  dates,
}: {
  siteId: string;
  year: number;
  dates: string[];
}) {
  return call(ROUTES.setHolidayOpenings, { params: { id: siteId }, query: { year }, body: { dates } });
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
