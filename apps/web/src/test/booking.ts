import type { Booking } from '@lieux/contracts';

const HOUR = 3600_000;

/** A confirmed booking of the demo's Salle Garrigue starting `startsIn` hours from now, for two hours. */
export const aBooking = (startsIn: number, o: Partial<Booking> = {}): Booking => ({
  id: '6f1c7a9e-2b0d-4a8e-9d43-3c1f5b2a7e10',
  spaceId: '0b9c1a52-8d5e-4a43-9a51-2f8f4f0e6a11',
  spaceName: 'Salle Garrigue',
  siteName: 'La Poste Montpellier Rondelet',
  siteId: '431e8630-c2dd-4945-98ac-d210dff347db',
  timeZone: 'Europe/Paris',
  organisationId: '9d4c0a4e-1b1f-4c55-9c1e-5a4d1f0e2b33',
  organisationName: 'Les Jardins',
  status: 'confirmed',
  start: new Date(Date.now() + startsIn * HOUR).toISOString(),
  end: new Date(Date.now() + (startsIn + 2) * HOUR).toISOString(),
  title: 'Assemblée',
  attendees: 5,
  priceCents: 0,
  listPriceCents: 0,
  discountPercent: 0,
  discountBasis: null,
  cancellationReason: null,
  lateCancellation: false,
  rejectionReason: null,
  seriesId: null,
  projectId: null,
  checkedInAt: null,
  checkInMinutes: null,
  receipt: null,
  createdAt: new Date().toISOString(),
  ...o,
});
