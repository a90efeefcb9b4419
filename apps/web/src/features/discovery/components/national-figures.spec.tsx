import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { NationalStats } from '@lieux/contracts';
import { i18n } from '../../../lib/i18n';
import { NationalFigures } from './national-figures';

const stats: NationalStats = {
  year: 2026,
  sitesOpen: 1,
  spaces: 1284,
  areaSqm: 12480.4,
  organisationsHosted: 317,
  hoursBooked: 25301.5,
};

const fetchMock = vi.fn<typeof fetch>();

function renderFigures() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <NationalFigures />
    </QueryClientProvider>,
  );
}

/** What a reader sees, whichever space the locale puts between thousands. */
const items = () =>
  within(screen.getByRole('list'))
    .getAllByRole('listitem')
    .map((li) => li.textContent?.replace(/[\u00a0\u202f]/g, ' '));

describe('the national figures', () => {
  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockReset();
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('fr');
  });

  it('print the API’s figures in French: thousands apart, whole m² and hours, the year named', async () => {
    await i18n.changeLanguage('fr');
    fetchMock.mockResolvedValue(Response.json(stats));
    renderFigures();
    expect(await screen.findByText(/12\s480 m²/)).toBeTruthy();
    expect(items()).toEqual([
      '1 site ouvert',
      '1 284 espaces à réserver',
      '12 480 m² proposés',
      '317 organisations accueillies en 2026',
      '25 302 heures réservées en 2026',
    ]);
    expect(String(fetchMock.mock.calls[0][0])).toMatch(/\/api\/v1\/stats\/national$/);
  });

  it('in English', async () => {
    await i18n.changeLanguage('en');
    fetchMock.mockResolvedValue(Response.json(stats));
    renderFigures();
    expect(await screen.findByText('12,480 m²')).toBeTruthy();
    expect(items()[1]).toBe('1,284 spaces to book');
  });

  it('say so when they cannot be had', async () => {
    fetchMock.mockResolvedValue(
      new Response('{}', { status: 404, headers: { 'content-type': 'application/json' } }),
    );
    renderFigures();
    expect(await screen.findByText('Les chiffres du réseau sont indisponibles pour le moment.')).toBeTruthy();
  });
});
