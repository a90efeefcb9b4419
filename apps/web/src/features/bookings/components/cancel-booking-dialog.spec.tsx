import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Booking } from '@lieux/contracts';
import { CancelBookingDialog } from './cancel-booking-dialog';
import { cancellable } from './my-bookings-table';

const HOUR = 3600_000;
const booking = (startsIn: number, status: Booking['status'] = 'confirmed'): Booking => ({
  id: '6f1c7a9e-2b0d-4a8e-9d43-3c1f5b2a7e10',
  spaceId: '0b9c1a52-8d5e-4a43-9a51-2f8f4f0e6a11',
  spaceName: 'Salle Garrigue',
  siteName: 'La Poste Montpellier Rondelet',
  siteId: '431e8630-c2dd-4945-98ac-d210dff347db',
  timeZone: 'Europe/Paris',
  organisationId: '9d4c0a4e-1b1f-4c55-9c1e-5a4d1f0e2b33',
  organisationName: 'Les Jardins',
  status,
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
  createdAt: new Date().toISOString(),
});

function renderDialog(b: Booking, asManager = false) {
  const onConfirm = vi.fn();
  render(
    <CancelBookingDialog
      booking={b}
      asManager={asManager}
      pending={false}
      onConfirm={onConfirm}
      onClose={vi.fn()}
    />,
  );
  return onConfirm;
}

describe('cancelling a booking', () => {
  it('warns that a cancellation less than 24 h before the start counts as late', async () => {
    renderDialog(booking(5));
    expect(await screen.findByText(/moins de 24 heures/)).toBeTruthy();
  });

  it('does not warn two days ahead, and cancels without a reason for the organisation', async () => {
    const onConfirm = renderDialog(booking(48));
    expect(screen.queryByText(/moins de 24 heures/)).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Annuler la réservation' }));
    expect(onConfirm).toHaveBeenCalledWith(undefined);
  });

  it('makes a manager give the reason', async () => {
    const onConfirm = renderDialog(booking(48), true);
    await userEvent.click(screen.getByRole('button', { name: 'Annuler la réservation' }));
    expect(onConfirm).not.toHaveBeenCalled();
    expect(screen.getByText('Indiquez le motif : l’organisation le recevra.')).toBeTruthy();
    await userEvent.type(screen.getByLabelText(/Motif \(obligatoire/), 'Travaux');
    await userEvent.click(screen.getByRole('button', { name: 'Annuler la réservation' }));
    expect(onConfirm).toHaveBeenCalledWith('Travaux');
  });

  it('offers to cancel only an active booking that has not started', () => {
    expect(cancellable(booking(2))).toBe(true);
    expect(cancellable(booking(2, 'pending'))).toBe(true);
    expect(cancellable(booking(-1))).toBe(false);
    expect(cancellable(booking(2, 'cancelled'))).toBe(false);
  });
});
