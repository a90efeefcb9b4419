import { useQuery } from '@tanstack/react-query';
import { ROUTES, type Booking, type Project } from '@lieux/contracts';
import { call } from '../lib/api-client';

/** Every list of projects in the cache starts with it: a change of one project refreshes them all. */
export const PROJECTS_QUERY_KEY = ['projects'] as const;
export const OWN_PROJECTS_QUERY_KEY = [...PROJECTS_QUERY_KEY, 'own'] as const;

/** A project still running on `today` (`YYYY-MM-DD`): no end, or an end not before today. */
export const isActiveProject = (p: Pick<Project, 'endDate'>, today: string) =>
  p.endDate === null || p.endDate >= today;

/**
 * The organisation's own projects (what `GET /projects` answers a member), for the booking dialog's
 * project choice and the bookings' reports. `enabled` false for those who have no organisation.
 */
export function useOwnProjects(enabled = true) {
  return useQuery({
    queryKey: OWN_PROJECTS_QUERY_KEY,
    queryFn: () => call(ROUTES.listProjects, { query: { limit: 200 } }),
    enabled,
    staleTime: 60_000,
  });
}

/** The project a booking is linked to, if any. */
export const projectOfBooking = (b: Pick<Booking, 'projectId'>): string | null => b.projectId ?? null;
