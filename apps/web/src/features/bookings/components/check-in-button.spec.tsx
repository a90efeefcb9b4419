import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Booking } from '@lieux/contracts';
import { i18n } from '../../../lib/i18n';
import { aBooking } from '../../../test/booking';
import { CheckInButton } from './check-in-button';

const fetchMock = vi.fn<typeof fetch>();
const show = (b: Booking) =>
  render(
    <QueryClientProvider client={new QueryClient()}>
      <CheckInButton booking={b} />
    </QueryClientProvider>,
  );

describe('CheckInButton', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('fr');
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('offers « Je suis arrivé·e » while the window is open, and says when it was done', async () => {
    const b = aBooking(-0.05, { checkInMinutes: 10 });
    const checkedIn = { ...b, checkedInAt: new Date().toISOString() };
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify(checkedIn), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      }),
    );
    const { rerender } = show(b);
    await userEvent.click(screen.getByRole('button', { name: /^Je suis arrivé·e/ }));
    expect(String(fetchMock.mock.calls[0]![0])).toMatch(new RegExp(`/bookings/${b.id}/check-in$`));
    rerender(
      <QueryClientProvider client={new QueryClient()}>
        <CheckInButton booking={checkedIn} />
      </QueryClientProvider>,
    );
    expect(screen.getByText(/^Arrivée signalée à \d+ h \d\d$/)).toBeTruthy();
  });

  it('offers nothing once the window closed, nor for a released booking', () => {
    show(aBooking(-0.5, { checkInMinutes: 10 }));
    show(aBooking(-0.05, { status: 'released', checkInMinutes: 10 }));
    expect(screen.queryByRole('button')).toBeNull();
  });
});
