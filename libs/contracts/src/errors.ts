/**
 * Stable codes of every refusal the API can answer. The web maps each to a French/English message, so a
 * code once published is never renamed.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'FORBIDDEN',
  'NOT_FOUND',
  'SLOT_TAKEN',
  'ORGANISATION_NOT_VERIFIED',
  'NOT_AN_ORGANISATION_MEMBER',
  'SPACE_NOT_BOOKABLE',
  'OUTSIDE_OPENING_HOURS',
  'IN_THE_PAST',
  'TOO_SHORT',
  'TOO_LONG',
  'OFF_STEP',
  'TOO_MANY_ATTENDEES',
  'BEYOND_HORIZON',
  'TOO_LATE',
  'PAYLOAD_TOO_LARGE',
  'TOO_MANY_REQUESTS',
  'IDEMPOTENCY_KEY_REUSED',
  'EMAIL_TAKEN',
  'SIRET_TAKEN',
  'UNKNOWN_COMMUNE',
  'POSTCODE_MISMATCH',
  'INVALID_LINK',
  'LINK_EXPIRED',
  'NO_SESSION',
  'ALREADY_DECIDED',
  'UNSUPPORTED_MEDIA_TYPE',
  'TOO_MANY_PHOTOS',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
