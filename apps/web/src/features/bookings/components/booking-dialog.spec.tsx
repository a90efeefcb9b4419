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
    horizonDays: 40_000,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    audience: 'all',
    checkInMinutes: null,
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

// Tuesday 3 March 2099 (Paris, UTC+1): open 9:00–12:00 and 14:00–18:00, booked 14:00–16:30.
const tuesday = {
  timeZone: 'Europe/Paris',
  open: [
    { start: '2099-03-03T08:00:00.000Z', end: '2099-03-03T11:00:00.000Z' },
    { start: '2099-03-03T13:00:00.000Z', end: '2099-03-03T17:00:00.000Z' },
  ],
  busy: [{ start: '2099-03-03T13:00:00.000Z', end: '2099-03-03T15:30:00.000Z' }],
  free: [
    { start: '2099-03-03T08:00:00.000Z', end: '2099-03-03T11:00:00.000Z' },
    { start: '2099-03-03T15:30:00.000Z', end: '2099-03-03T17:00:00.000Z' },
  ],
};
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' },
  });

describe('BookingDialog', () => {
  const fetchMock = vi.fn<typeof fetch>();
  /** The day's availability (free all day unless given), and `answer` for anything sent. */
  const NO_QUOTA = {
    weekMinutesLeft: null,
    monthMinutesLeft: null,
    activeBookingsLeft: null,
    summary: null,
    limits: [],
  };
  /** The day's availability (free all day unless given), what the quotas leave, and `answer` for anything sent. */
  const serve = (
    answer: () => Response,
    day: typeof tuesday = { ...tuesday, busy: [], free: tuesday.open },
    quota: object = NO_QUOTA,
  ) =>
    fetchMock.mockImplementation(async (input) =>
      String(input).includes('/availability')
        ? json(day)
        : String(input).includes('/quota')
          ? json(quota)
          : answer(),
    );
  const sent = () =>
    fetchMock.mock.calls.filter(
      ([input]) => !String(input).includes('/availability') && !String(input).includes('/quota'),
    );
  beforeEach(async () => {
    await i18n.changeLanguage('fr');
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockReset();
    serve(() => json({ type: 'x', title: 'Erreur', status: 500 }, 500));
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows the period and price in French, in the site zone', () => {
    renderDialog();
    expect(screen.getByText('mardi 3 mars 2099, de 14 h 30 à 16 h 00')).toBeTruthy();
    expect(screen.getByText(/Prix : 18,75\s€/)).toBeTruthy();
  });

  it('says what the quotas leave for the week and month of the chosen start', async () => {
    serve(() => json({}, 201), undefined, {
      weekMinutesLeft: 360,
      monthMinutesLeft: 870,
      activeBookingsLeft: 2,
      summary:
        'Il vous reste 6 h cette semaine et 14 h 30 ce mois-ci sur ce site ; 2 réservations à venir possibles.',
      limits: [],
    });
    renderDialog();
    expect(
      await screen.findByText(
        'Il vous reste 6 h cette semaine et 14 h 30 ce mois-ci sur ce site ; 2 réservations à venir possibles.',
      ),
    ).toBeTruthy();
    const [asked] = fetchMock.mock.calls.map(([input]) => String(input)).filter((u) => u.includes('/quota'));
    expect(asked).toContain(`/spaces/${space.id}/quota?at=2099-03-03T13%3A30%3A00.000Z`);
  });

  it('refuses an empty form with labelled French messages, without calling the API', async () => {
    renderDialog();
    await userEvent.click(screen.getByRole('button', { name: 'Réserver' }));
    expect(await screen.findByText('Indiquez l’objet de la réservation.')).toBeTruthy();
    expect(screen.getByText('Indiquez le nombre de participants.')).toBeTruthy();
    const title = screen.getByLabelText('Objet de la réservation');
    expect(title.getAttribute('aria-invalid')).toBe('true');
    expect(sent()).toEqual([]);
  });

  it('sends the booking with an Idempotency-Key, and reports a taken slot as a conflict', async () => {
    serve(() => json({ type: 'x', title: 'Conflit', status: 409, code: 'SLOT_TAKEN' }, 409));
    const { onConflict, onBooked } = renderDialog();
    // Free when checked: a 409 is a race, left to the page to tell.
    expect(await screen.findByText('Ce créneau est libre.')).toBeTruthy();
    await userEvent.type(screen.getByLabelText('Objet de la réservation'), 'Assemblée générale');
    await userEvent.type(screen.getByLabelText('Nombre de participants'), '8');
    await userEvent.click(screen.getByRole('button', { name: 'Réserver' }));
    await waitFor(() => expect(onConflict).toHaveBeenCalledOnce());
    expect(onBooked).not.toHaveBeenCalled();
    const [, init] = sent()[0];
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

  it('links the booking to the project chosen in the dialog, in the same request', async () => {
    serve(() => json({ type: 'x', title: 'Conflit', status: 409, code: 'SLOT_TAKEN' }, 409));
    const { onConflict } = renderDialog({
      projects: [
        { id: '6f1c2a8e-1d2b-4c3d-9e4f-5a6b7c8d9e0f', title: 'Repair café' },
        { id: '7a2b3c4d-5e6f-4a1b-8c9d-0e1f2a3b4c5d', title: 'Atelier numérique' },
      ],
    });
    expect(await screen.findByText('Ce créneau est libre.')).toBeTruthy();
    const select = screen.getByLabelText('Projet (facultatif)');
    expect((select as HTMLSelectElement).value).toBe('');
    await userEvent.selectOptions(select, 'Repair café');
    await userEvent.type(screen.getByLabelText('Objet de la réservation'), 'Repair café de mars');
    await userEvent.type(screen.getByLabelText('Nombre de participants'), '8');
    await userEvent.click(screen.getByRole('button', { name: 'Réserver' }));
    await waitFor(() => expect(onConflict).toHaveBeenCalledOnce());
    expect(JSON.parse(String(sent()[0][1]?.body))).toMatchObject({
      title: 'Repair café de mars',
      projectId: '6f1c2a8e-1d2b-4c3d-9e4f-5a6b7c8d9e0f',
    });
  });

  it('offers no project choice to an organisation without a running project', () => {
    renderDialog();
    expect(screen.queryByLabelText('Projet (facultatif)')).toBeNull();
  });

  it('shows a domain refusal in the dialog', async () => {
    serve(() => json({ type: 'x', title: 'Refus', status: 422, code: 'OUTSIDE_OPENING_HOURS' }, 422));
    renderDialog();
    await userEvent.type(screen.getByLabelText('Objet de la réservation'), 'Réunion');
    await userEvent.type(screen.getByLabelText('Nombre de participants'), '3');
    await userEvent.click(screen.getByRole('button', { name: 'Réserver' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Ce créneau sort des heures d’ouverture du site.',
    );
  });

  it('marks a typed slot taken before sending, keeps it from being sent, and offers the waiting list', async () => {
    const onWaitlist = vi.fn();
    serve(() => json({}, 201), tuesday);
    const { onConflict } = renderDialog({ onWaitlist });
    const status = await screen.findByText('Ce créneau est déjà réservé.');
    expect(status.closest('[role="status"]')?.textContent).toContain(
      'L’espace est occupé de 14 h 00 à 16 h 30.',
    );
    await userEvent.type(screen.getByLabelText('Objet de la réservation'), 'Réunion');
    await userEvent.type(screen.getByLabelText('Nombre de participants'), '3');
    await userEvent.click(screen.getByRole('button', { name: 'Réserver' }));
    expect(
      await screen.findByText('Ce créneau est déjà réservé : choisissez une période libre.'),
    ).toBeTruthy();
    expect(sent()).toEqual([]);
    expect(onConflict).not.toHaveBeenCalled();

    await userEvent.click(
      screen.getByRole('button', { name: 'Rejoindre la liste d’attente pour ce créneau' }),
    );
    expect(onWaitlist).toHaveBeenCalledWith({
      date: '2099-03-03',
      startTime: '14:30',
      endTime: '16:00',
      title: 'Réunion',
      attendees: 3,
    });
  });

  it('lists the day’s free periods, and one chosen fills the times', async () => {
    serve(() => json({}, 201), tuesday);
    renderDialog();
    const later = await screen.findByRole('button', {
      name: 'Libre de 16 h 30 à 18 h 00 : prendre ces horaires',
    });
    const periods = screen.getByRole('group', { name: 'Périodes libres ce jour-là' });
    expect(periods.textContent).toContain('9 h 00 – 12 h 00');
    await userEvent.click(later);
    // The typed 1 h 30 fits: kept.
    expect((screen.getByLabelText('Début') as HTMLInputElement).value).toBe('16:30');
    expect((screen.getByLabelText('Fin') as HTMLInputElement).value).toBe('18:00');
    expect(await screen.findByText('Ce créneau est libre.')).toBeTruthy();
  });

  it('says when the typed hours fall outside the opening hours', async () => {
    serve(() => json({}, 201), tuesday);
    renderDialog({ initial: { date: '2099-03-03', startTime: '11:00', endTime: '13:00' } });
    expect(await screen.findByText('L’espace est fermé à ces heures.')).toBeTruthy();
    expect(screen.getByText(/ouvert de 9 h 00 à 12 h 00 et de 14 h 00 à 18 h 00/)).toBeTruthy();
  });
});
