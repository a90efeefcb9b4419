/**
 * Cache keys that several features read or write: the signed-in person (set by sign-in, invitation and
 * registration) and their bookings (refreshed by a booking, a series or a waiting-list acceptance).
 */
export const ME_QUERY_KEY = ['me'] as const;
export const MY_BOOKINGS_QUERY_KEY = ['bookings', 'mine'] as const;
