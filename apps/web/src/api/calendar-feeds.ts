import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROUTES, type CalendarFeedKind } from '@lieux/contracts';
import { call } from '../lib/api-client';

/** The signed-in person's calendar subscription links (their organisation's bookings, their sites'). */
export const calendarFeedsKey = ['me', 'calendar-feeds'] as const;

export function useMyCalendarFeeds() {
  return useQuery({ queryKey: calendarFeedsKey, queryFn: () => call(ROUTES.myCalendarFeeds) });
}

/** A new secret link: the one given before stops working. */
export function useRotateCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (kind: CalendarFeedKind) => call(ROUTES.rotateCalendarFeed, { params: { kind } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: calendarFeedsKey }),
  });
}

/** A published space's public busy feed, as a link and as `webcal://`. */
export function spaceBusyFeedUrls(spaceId: string, origin = window.location.origin) {
  const url = `${origin}/api/v1/spaces/${spaceId}/busy.ics`;
  return { url, webcalUrl: url.replace(/^https?:\/\//, 'webcal://') };
}
