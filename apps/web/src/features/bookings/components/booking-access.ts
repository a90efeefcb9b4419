import type { User } from '@lieux/contracts';

/**
 * Why this person may not book, as an error code: only members of a verified organisation may, and the
 * others are told so rather than shown a form that will fail. Null when they may, or are not signed in.
 */
export function bookingRefusal(user: User | undefined) {
  if (!user) return null;
  if (!user.organisation) return 'NOT_AN_ORGANISATION_MEMBER';
  if (user.organisation.verification !== 'verified') return 'ORGANISATION_NOT_VERIFIED';
  return null;
}
