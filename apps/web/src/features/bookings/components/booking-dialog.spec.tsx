import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Space } from '@lieux/contracts';
import { i18n } from '../../../lib/i18n';
import { BookingDialog } from './booking-dialog';

const space: Space = {
  id: '0b9c1a52-8d5e-4a43-9a51-2f8f4f0e6a11',
  name: 'Salle Garrigue',
  kind: 'meeting_room',
  areaSqm: 28,
  capacity: 12,
  equipment: [],
  stepFree: true,
  description: '',
  status: 'published',
  site: {
    id: '431e8630-c2dd-4945-98ac-d210dff347db',
    name: 'La Poste Montpellier Rondelet',
    address: '13 place Rondelet',
    postcode: '34000',
    commune: 'Montpellier',
    departementCode: '34',
    regionCode: '76',
    timeZone: 'Europe/Paris',
    latitude: 43.6,
    longitude: 3.87,
  },
  policy: {
    approvalRequired: false,
    slotStepMinutes: 30,
    minDurationMinutes: 30,
    maxDurationMinutes: 480,
    minNoticeMinutes: 60,
    horizonDays: 3650,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    audience: 'all',
  },
  price: { hourlyRateCents: 1250 },
  openingHours: [],
  ownOpeningHours: null,
};

function renderDialog(props: Partial<Parameters<typeof BookingDialog>[0]> = {}) {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  const handlers = { onClose: vi.fn(), onBooked: vi.fn(), onConflict: vi.fn() };
  render(
    <QueryClientProvider client={client}>
      <BookingDialog
        space={space}
        initial={{ date: '2099-03-03', startTime: '14:30', endTime: '16:00' }}
        {...handlers}
        {...props}
      />
    </QueryClientProvider>,
  );
  return handlers;
}

describe('BookingDialog', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(async () => {
    await i18n.changeLanguage('fr');
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockReset();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows the period and price in French, in the site zone', () => {
    renderDialog();
    expect(screen.getByText('mardi 3 mars 2099, de 14 h 30 à 16 h 00')).toBeTruthy();
    expect(screen.getByText(/Prix : 18,75\s€/)).toBeTruthy();
  });

  it('refuses an empty form with labelled French messages, without calling the API', async () => {
    renderDialog();
    await userEvent.click(screen.getByRole('button', { name: 'Réserver' }));
    expect(await screen.findByText('Indiquez l’objet de la réservation.')).toBeTruthy();
    expect(screen.getByText('Indiquez le nombre de participants.')).toBeTruthy();
    const title = screen.getByLabelText('Objet de la réservation');
    expect(title.getAttribute('aria-invalid')).toBe('true');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('sends the booking with an Idempotency-Key, and reports a taken slot as a conflict', async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ type: 'x', title: 'Conflit', status: 409, code: 'SLOT_TAKEN' }), {
        status: 409,
        headers: { 'content-type': 'application/problem+json' },
      }),
    );
    const { onConflict, onBooked } = renderDialog();
    await userEvent.type(screen.getByLabelText('Objet de la réservation'), 'Assemblée générale');
    await userEvent.type(screen.getByLabelText('Nombre de participants'), '8');
    await userEvent.click(screen.getByRole('button', { name: 'Réserver' }));
    await waitFor(() => expect(onConflict).toHaveBeenCalledOnce());
    expect(onBooked).not.toHaveBeenCalled();
    const [, init] = fetchMock.mock.calls[0];
    const headers = init?.headers as Record<string, string>;
    expect(headers['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(String(init?.body))).toEqual({
      spaceId: space.id,
      start: '2099-03-03T14:30:00+01:00',
      end: '2099-03-03T16:00:00+01:00',
      title: 'Assemblée générale',
      attendees: 8,
    });
  });

  it('shows a domain refusal in the dialog', async () => {
    fetchMock.mockResolvedValue(
      new Response(
        JSON.stringify({ type: 'x', title: 'Refus', status: 422, code: 'OUTSIDE_OPENING_HOURS' }),
        {
          status: 422,
          headers: { 'content-type': 'application/problem+json' },
        },
      ),
    );
    renderDialog();
    await userEvent.type(screen.getByLabelText('Objet de la réservation'), 'Réunion');
    await userEvent.type(screen.getByLabelText('Nombre de participants'), '3');
    await userEvent.click(screen.getByRole('button', { name: 'Réserver' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Ce créneau sort des heures d’ouverture du site.',
    );
  });
});
