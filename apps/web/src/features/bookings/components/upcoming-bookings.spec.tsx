import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Booking } from '@lieux/contracts';
import { i18n } from '../../../lib/i18n';
import { aBooking } from '../../../test/booking';
import { UpcomingBookings } from './upcoming-bookings';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' },
  });

const fetchMock = vi.fn<typeof fetch>();
const requests = (method: string) =>
  fetchMock.mock.calls
    .filter(([, init]) => (init?.method ?? 'GET') === method)
    .map(([url, init]) => ({ url: new URL(String(url)), body: init?.body }));

/**
 * The API for a manager: the confirmed bookings of their sites, latest first as the API gives them,
 * `pageSize` a page; a cancellation takes the booking out of the list.
 */
function serve(bookings: Booking[], pageSize = 200) {
  const held = new Map(bookings.map((b) => [b.id, b]));
  fetchMock.mockImplementation(async (input, init) => {
    const url = new URL(String(input));
    const cancel = /\/bookings\/([^/]+)\/cancel$/.exec(url.pathname);
    if (init?.method === 'POST' && cancel) {
      const b = held.get(cancel[1])!;
      const reason = JSON.parse(String(init.body)).reason ?? null;
      const cancelled: Booking = { ...b, status: 'cancelled', cancellationReason: reason };
      held.set(b.id, cancelled);
      return json(200, cancelled);
    }
    const confirmed = [...held.values()]
      .filter((b) => b.status === 'confirmed')
      .sort((a, b) => Date.parse(b.start) - Date.parse(a.start));
    const from = Number(url.searchParams.get('cursor') ?? 0);
    const next = from + pageSize;
    return json(200, {
      items: confirmed.slice(from, next),
      nextCursor: next < confirmed.length ? String(next) : null,
    });
  });
}

const renderList = () => {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  render(
    <QueryClientProvider client={client}>
      <UpcomingBookings />
    </QueryClientProvider>,
  );
};

const assembly = aBooking(72);
const workshop = aBooking(96, {
  id: '1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b',
  title: 'Atelier vélo',
  organisationName: 'Coopérative du Midi',
});

describe('a site manager cancels an upcoming booking', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('fr');
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockReset();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('must give the reason; the cancellation is sent with it, announced, and the list refreshed', async () => {
    serve([assembly, workshop]);
    renderList();
    await userEvent.click(await screen.findByRole('button', { name: 'Annuler — Assemblée' }));
    const dialog = screen.getByRole('dialog', {
      name: 'Annuler la réservation de Les Jardins (« Assemblée ») ?',
    });
    const submit = within(dialog).getByRole('button', { name: 'Annuler la réservation' });

    await userEvent.click(submit);
    expect(within(dialog).getByText('Indiquez le motif : l’organisation le recevra.')).toBeTruthy();
    expect(requests('POST')).toHaveLength(0);

    await userEvent.type(within(dialog).getByLabelText(/Motif \(obligatoire/), '  Dégât des eaux  ');
    await userEvent.click(submit);
    expect(
      (await screen.findByRole('status')).textContent,
      'the notice says the organisation receives the reason',
    ).toBe(
      'La réservation « Assemblée » de Les Jardins est annulée : l’organisation reçoit votre motif et le créneau est libéré.',
    );
    const [post] = requests('POST');
    expect(post.url.pathname).toBe(`/api/v1/bookings/${assembly.id}/cancel`);
    expect(JSON.parse(String(post.body))).toEqual({ reason: 'Dégât des eaux' });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Annuler — Assemblée' })).toBeNull());
    expect(screen.getByRole('button', { name: 'Annuler — Atelier vélo' })).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('lists the soonest first, even when the API gives them on a later page', async () => {
    serve([assembly, workshop], 1);
    renderList();
    await screen.findByRole('button', { name: 'Annuler — Assemblée' });
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-booking-id'))).toEqual([assembly.id, workshop.id]);
    expect(requests('GET').map((r) => r.url.searchParams.get('cursor'))).toEqual([null, '1']);
    expect(requests('GET')[0].url.searchParams.getAll('status')).toEqual(['confirmed']);
  });

  it('offers nothing to cancel once a booking has started', async () => {
    serve([aBooking(-1, { title: 'En cours' }), workshop]);
    renderList();
    await screen.findByRole('button', { name: 'Annuler — Atelier vélo' });
    expect(screen.queryByText(/En cours/)).toBeNull();
  });

  it('looks four weeks further when asked', async () => {
    serve([workshop]);
    renderList();
    await userEvent.click(await screen.findByRole('button', { name: 'Voir 4 semaines de plus' }));
    await screen.findByRole('table', { name: 'Confirmées, les 8 semaines à venir' });
    const [first, more] = requests('GET').map(
      (r) => Date.parse(r.url.searchParams.get('to')!) - Date.parse(r.url.searchParams.get('from')!),
    );
    expect(more - first).toBe(28 * 24 * 3600_000);
  });

  it('speaks English', async () => {
    await i18n.changeLanguage('en');
    serve([assembly]);
    renderList();
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel — Assemblée' }));
    await userEvent.type(screen.getByLabelText(/Reason \(required/), 'Water damage');
    await userEvent.click(screen.getByRole('button', { name: 'Cancel the booking' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      'The booking “Assemblée” of Les Jardins is cancelled: the organisation receives your reason and the slot is free again.',
    );
  });
});
