import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Booking } from '@lieux/contracts';
import { CancelBookingDialog } from './cancel-booking-dialog';
import { cancellable } from './my-bookings-table';
import { aBooking } from '../../../test/booking';

const booking = (startsIn: number, status: Booking['status'] = 'confirmed') => aBooking(startsIn, { status });

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
