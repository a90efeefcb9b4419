import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aBooking } from '../../../test/booking';
import { RejectBookingDialog } from './reject-booking-dialog';

describe('refusing a request', () => {
  it('wants a reason of a few words, as the API does, and sends it trimmed', async () => {
    const onConfirm = vi.fn();
    render(
      <RejectBookingDialog booking={aBooking(48)} pending={false} onConfirm={onConfirm} onClose={vi.fn()} />,
    );
    const reason = screen.getByLabelText('Motif du refus');
    await userEvent.type(reason, 'ok');
    await userEvent.click(screen.getByRole('button', { name: 'Refuser la demande' }));
    expect(onConfirm).not.toHaveBeenCalled();
    expect(screen.getByText('Expliquez le refus en quelques mots.')).toBeTruthy();
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    await userEvent.type(reason, ' : salle réservée au conseil ');
    await userEvent.click(screen.getByRole('button', { name: 'Refuser la demande' }));
    expect(onConfirm).toHaveBeenCalledWith('ok : salle réservée au conseil');
  });
});
