import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { Booking, BookingSeries, CancelSeriesResponse, SeriesDetail } from '@lieux/contracts';
import { i18n } from '../../../lib/i18n';
import { aBooking } from '../../../test/booking';
import { CancelSeriesDialog } from './cancel-series-dialog';
import { MyBookingsTable } from './my-bookings-table';

const SERIES_ID = '2c8e4b1a-7d3f-4e9a-b5c6-1f0a9d8e7c65';
const WEEK = 168;
const occurrence = (n: number, startsIn: number, o: Partial<Booking> = {}) =>
  aBooking(startsIn, {
    id: `00000000-0000-4000-8000-00000000000${n}`,
    title: 'Permanence',
    seriesId: SERIES_ID,
    ...o,
  });

/** A weekly series of four: one gone by, one cancelled alone, two to come (the first `next` hours away). */
function seriesDetail(next: number): SeriesDetail {
  const bookings = [
    occurrence(0, next - WEEK),
    occurrence(1, next),
    occurrence(2, next + WEEK, { status: 'cancelled' }),
    occurrence(3, next + 2 * WEEK, { status: 'pending' }),
  ];
  const series: BookingSeries = {
    id: SERIES_ID,
    spaceId: bookings[0].spaceId,
    spaceName: bookings[0].spaceName,
    siteName: bookings[0].siteName,
    timeZone: 'Europe/Paris',
    organisationId: bookings[0].organisationId,
    rrule: 'FREQ=WEEKLY;COUNT=4',
    firstStart: bookings[0].start,
    firstEnd: bookings[0].end,
    title: 'Permanence',
    attendees: 5,
    status: 'active',
    summary: '',
    createdAt: bookings[0].createdAt,
  };
  return { series, bookings };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' },
  });

const fetchMock = vi.fn<typeof fetch>();
/** The API: the series on GET, `cancel` answering its POST. */
function api(detail: SeriesDetail, cancel: () => Response) {
  fetchMock.mockImplementation(async (_url, init) =>
    init?.method === 'POST' ? cancel() : json(200, detail),
  );
}
const cancelled = (detail: SeriesDetail, n: number): CancelSeriesResponse => ({
  series: { ...detail.series, status: 'cancelled' },
  cancelled: detail.bookings.slice(0, n).map((b) => b.id),
});
const posts = () => fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST');

function withQueries(ui: ReactNode) {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}

function renderDialog(detail: SeriesDetail, asManager = false) {
  const onDone = vi.fn();
  withQueries(
    <CancelSeriesDialog
      seriesId={SERIES_ID}
      booking={detail.bookings[1]}
      asManager={asManager}
      onDone={onDone}
      onClose={vi.fn()}
    />,
  );
  return onDone;
}

const submit = () => userEvent.click(screen.getByRole('button', { name: 'Annuler les occurrences à venir' }));

describe('cancelling the upcoming occurrences of a series', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('fr');
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockReset();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('marks an occurrence as part of its series and offers both cancellations; a single booking only its own', async () => {
    const detail = seriesDetail(72);
    api(detail, () => json(500, {}));
    const onCancelSeries = vi.fn();
    withQueries(
      <MyBookingsTable
        bookings={[detail.bookings[1], aBooking(100)]}
        caption="À venir"
        onCancel={vi.fn()}
        onCancelSeries={onCancelSeries}
      />,
    );
    expect(screen.getByText('Série')).toBeTruthy();
    expect(await screen.findByText(/^tous les \p{L}+s de .+ 4 fois$/u)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Annuler cette occurrence — Permanence' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Annuler — Assemblée' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /occurrences à venir — Assemblée/ })).toBeNull();
    await userEvent.click(
      screen.getByRole('button', { name: 'Annuler toutes les occurrences à venir — Permanence' }),
    );
    expect(onCancelSeries).toHaveBeenCalledWith(detail.bookings[1]);
  });

  it.each([
    [2, '2 occurrences à venir de « Permanence » sont annulées. Leurs créneaux sont libérés.'],
    [1, '1 occurrence à venir de « Permanence » est annulée. Son créneau est libéré.'],
    [0, 'Aucune occurrence à venir de « Permanence » ne restait à annuler : la série est close.'],
  ])('says what will go, cancels the series and reports %i cancelled', async (n, notice) => {
    const detail = seriesDetail(72);
    api(detail, () => json(200, cancelled(detail, n)));
    const onDone = renderDialog(detail);
    expect(
      await screen.findByText(
        '2 occurrences à venir seront annulées ; les dates passées restent inchangées.',
      ),
    ).toBeTruthy();
    expect(
      screen.getByText(/^Série : tous les .+ 4 fois — Salle Garrigue \(La Poste Montpellier Rondelet/),
    ).toBeTruthy();
    expect(screen.queryByRole('note')).toBeNull();
    await submit();
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(notice));
    const [[url, init]] = posts();
    expect(String(url)).toMatch(new RegExp(`/api/v1/booking-series/${SERIES_ID}/cancel$`));
    expect(JSON.parse(String(init?.body))).toEqual({});
  });

  it('reports in English with the right plural', async () => {
    await i18n.changeLanguage('en');
    const detail = seriesDetail(72);
    api(detail, () => json(200, cancelled(detail, 1)));
    const onDone = renderDialog(detail);
    expect(await screen.findByText(/^Series: every \p{L}+ from .+ 4 times/u)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel upcoming occurrences' }));
    await waitFor(() =>
      expect(onDone).toHaveBeenCalledWith(
        '1 upcoming occurrence of “Permanence” is cancelled. Its slot is free again.',
      ),
    );
  });

  it('warns when the next occurrence starts within 24 hours: its cancellation is late', async () => {
    const detail = seriesDetail(5);
    api(detail, () => json(500, {}));
    renderDialog(detail);
    expect((await screen.findByRole('note')).textContent).toMatch(
      /prochaine occurrence commence dans moins de 24 heures/,
    );
  });

  it('makes a site manager give the reason, and sends it', async () => {
    const detail = seriesDetail(72);
    api(detail, () => json(200, cancelled(detail, 2)));
    const onDone = renderDialog(detail, true);
    await submit();
    expect(screen.getByText('Indiquez le motif : l’organisation le recevra.')).toBeTruthy();
    expect(posts()).toHaveLength(0);
    await userEvent.type(screen.getByLabelText(/Motif \(obligatoire/), 'Travaux au site');
    await submit();
    await waitFor(() => expect(onDone).toHaveBeenCalledOnce());
    expect(JSON.parse(String(posts()[0][1]?.body))).toEqual({ reason: 'Travaux au site' });
  });

  it('shows the API’s refusal in the dialog, in words, and stays open', async () => {
    const detail = seriesDetail(72);
    api(detail, () => json(404, { type: 'x', title: 'Introuvable', status: 404, code: 'NOT_FOUND' }));
    const onDone = renderDialog(detail);
    await screen.findByText(/2 occurrences à venir/);
    await submit();
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Introuvable : cet élément n’existe pas ou ne vous est pas accessible.',
    );
    expect(onDone).not.toHaveBeenCalled();
  });
});
