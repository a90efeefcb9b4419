import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Booking } from '@lieux/contracts';
import { i18n } from '../../../lib/i18n';
import { aBooking } from '../../../test/booking';
import { ChangeBookingDialog, changeable } from './change-booking-dialog';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' },
  });

const fetchMock = vi.fn<typeof fetch>();
const patches = () =>
  fetchMock.mock.calls
    .filter(([, init]) => init?.method === 'PATCH')
    .map(([url, init]) => ({ path: new URL(String(url)).pathname, body: JSON.parse(String(init!.body)) }));

// 10 March 2027, 9:00–11:00 in Paris; another booking holds 13:00–14:00; the space opens 8:00–20:00.
const booking: Booking = aBooking(0, {
  start: '2027-03-10T08:00:00.000Z',
  end: '2027-03-10T10:00:00.000Z',
  attendees: 5,
});

function serve(patchAnswer: () => Response) {
  fetchMock.mockImplementation(async (input, init) => {
    const url = new URL(String(input));
    if (init?.method === 'PATCH') return patchAnswer();
    if (url.pathname.endsWith('/availability'))
      return json(200, {
        timeZone: 'Europe/Paris',
        open: [{ start: '2027-03-10T07:00:00.000Z', end: '2027-03-10T19:00:00.000Z' }],
        busy: [
          { start: '2027-03-10T08:00:00.000Z', end: '2027-03-10T10:00:00.000Z' },
          { start: '2027-03-10T12:00:00.000Z', end: '2027-03-10T13:00:00.000Z' },
        ],
        free: [],
      });
    return json(200, {
      id: booking.spaceId,
      capacity: 12,
      policy: { approvalRequired: false, slotStepMinutes: 30, bufferBeforeMinutes: 0, bufferAfterMinutes: 0 },
    });
  });
}

function renderDialog(asManager = false) {
  const onDone = vi.fn();
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  render(
    <QueryClientProvider client={client}>
      <ChangeBookingDialog booking={booking} asManager={asManager} onDone={onDone} onClose={vi.fn()} />
    </QueryClientProvider>,
  );
  return { onDone, dialog: screen.getByRole('dialog') };
}

async function setTimes(dialog: HTMLElement, start: string, end: string) {
  await userEvent.clear(within(dialog).getByLabelText('Début'));
  await userEvent.type(within(dialog).getByLabelText('Début'), start);
  await userEvent.clear(within(dialog).getByLabelText('Fin'));
  await userEvent.type(within(dialog).getByLabelText('Fin'), end);
}

describe('changing a booking', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('fr');
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockReset();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows the day’s free periods, its own slot counted free, and says a taken slot is taken before sending', async () => {
    serve(() => json(200, booking));
    const { dialog } = renderDialog();
    expect((await within(dialog).findByText(/Libre ce jour-là/)).textContent).toBe(
      'Libre ce jour-là : 8 h 00 – 13 h 00 · 14 h 00 – 20 h 00',
    );
    await setTimes(dialog, '13:30', '14:30');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer les changements' }));
    expect(within(dialog).getByText(/Ce créneau est déjà occupé ce jour-là/)).toBeTruthy();
    expect(patches()).toHaveLength(0);
  });

  it('sends only what changed and hands back the changed booking', async () => {
    const moved = { ...booking, start: '2027-03-10T09:00:00.000Z', end: '2027-03-10T11:00:00.000Z' };
    serve(() => json(200, moved));
    const { dialog, onDone } = renderDialog();
    await within(dialog).findByText(/Libre ce jour-là/);
    await setTimes(dialog, '10:00', '12:00');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer les changements' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith(moved));
    expect(patches()).toEqual([
      {
        path: `/api/v1/bookings/${booking.id}`,
        body: { start: '2027-03-10T10:00:00+01:00', end: '2027-03-10T12:00:00+01:00' },
      },
    ]);
  });

  it('makes a manager give the reason, and says the API’s refusal in words', async () => {
    serve(() => json(409, { type: 'about:blank', title: 'Conflict', status: 409, code: 'SLOT_TAKEN' }));
    const { dialog } = renderDialog(true);
    await within(dialog).findByText(/Libre ce jour-là/);
    await userEvent.clear(within(dialog).getByLabelText('Nombre de participants'));
    await userEvent.type(within(dialog).getByLabelText('Nombre de participants'), '8');
    const submit = within(dialog).getByRole('button', { name: 'Déplacer la réservation' });
    await userEvent.click(submit);
    expect(
      within(dialog).getByText('Indiquez le motif du déplacement : l’organisation le recevra.'),
    ).toBeTruthy();
    expect(patches()).toHaveLength(0);
    await userEvent.type(within(dialog).getByLabelText(/Motif \(obligatoire/), 'Travaux');
    await userEvent.click(submit);
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/Ce créneau est déjà occupé/);
    expect(patches()[0].body).toEqual({ attendees: 8, reason: 'Travaux' });
  });

  it('offers a change only of an active booking that has not started', () => {
    expect(changeable(aBooking(2))).toBe(true);
    expect(changeable(aBooking(2, { status: 'pending' }))).toBe(true);
    expect(changeable(aBooking(-1))).toBe(false);
    expect(changeable(aBooking(2, { status: 'cancelled' }))).toBe(false);
    expect(changeable(aBooking(2), Date.now(), 'manager')).toBe(true);
  });
});
