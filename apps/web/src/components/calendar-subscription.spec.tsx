import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { CalendarFeed } from '@lieux/contracts';
import { i18n } from '../lib/i18n';
import { CalendarSubscription } from './calendar-subscription';

const feed = (token: string): CalendarFeed => ({
  kind: 'organisation',
  url: `https://lieux.example/api/v1/calendars/${token}.ics`,
  webcalUrl: `webcal://lieux.example/api/v1/calendars/${token}.ics`,
  issuedAt: '2026-12-01T10:00:00Z',
});
const json = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

const fetchMock = vi.fn<typeof fetch>();
const posts = () => fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST');

function renderPanel(kind: 'organisation' | 'sites' = 'organisation') {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  render(
    <QueryClientProvider client={client}>
      <CalendarSubscription kind={kind} />
    </QueryClientProvider>,
  );
}

describe('subscribing to the calendar', () => {
  let current = feed('a'.repeat(43));
  beforeEach(async () => {
    await i18n.changeLanguage('fr');
    current = feed('a'.repeat(43));
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockReset();
    fetchMock.mockImplementation(async (_url, init) => {
      if (init?.method === 'POST') current = feed('b'.repeat(43));
      return json(init?.method === 'POST' ? current : { feeds: [current] });
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows the secret link, as webcal:// too, and copies it', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    renderPanel();
    const input = await screen.findByLabelText('Lien secret de l’agenda');
    expect((input as HTMLInputElement).value).toBe(current.url);
    expect(screen.getByRole('link', { name: 'S’abonner au calendrier' }).getAttribute('href')).toBe(
      current.webcalUrl,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Copier le lien' }));
    expect(writeText).toHaveBeenCalledWith(current.url);
    expect(await screen.findByText('Lien copié.')).toBeTruthy();
  });

  it('replaces the link only once confirmed', async () => {
    renderPanel();
    await screen.findByLabelText('Lien secret de l’agenda');
    await userEvent.click(screen.getByRole('button', { name: 'Nouveau lien' }));
    await userEvent.click(screen.getByRole('button', { name: 'Annuler' }));
    expect(posts()).toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: 'Nouveau lien' }));
    await userEvent.click(screen.getByRole('button', { name: 'Remplacer le lien' }));
    await waitFor(() =>
      expect((screen.getByLabelText('Lien secret de l’agenda') as HTMLInputElement).value).toBe(
        feed('b'.repeat(43)).url,
      ),
    );
    expect(posts()).toHaveLength(1);
    expect(String(posts()[0][0])).toContain('/me/calendar-feeds/organisation/rotate');
    expect(screen.getByText(/Nouveau lien créé/)).toBeTruthy();
  });

  it('shows nothing to a person without that feed', async () => {
    renderPanel('sites');
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    expect(screen.queryByText('Abonnement au calendrier')).toBeNull();
  });
});
