import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Site } from '@lieux/contracts';
import { i18n } from '../../../lib/i18n';
import { ClosuresPanel } from './closures-panel';

const site: Site = {
  id: '431e8630-c2dd-4945-98ac-d210dff347db',
  name: 'La Poste Montpellier Rondelet',
  address: '13 place Rondelet',
  postcode: '34000',
  commune: 'Montpellier',
  communeCode: '34172',
  departementCode: '34',
  regionCode: '76',
  timeZone: 'Europe/Paris',
  latitude: 43.6,
  longitude: 3.87,
  accessNotes: '',
  contact: { name: '', phone: '', email: '' },
  openingHours: [],
  closures: [],
};

function renderPanel() {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <ClosuresPanel site={site} />
    </QueryClientProvider>,
  );
}

/** The closure form validates with the shared `CreateClosureRequest`, whose messages it shows as they are. */
describe('ClosuresPanel', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(async () => {
    await i18n.changeLanguage('fr');
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockReset();
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    await i18n.changeLanguage('fr');
  });

  it('shows the shared schema’s messages in French', async () => {
    renderPanel();
    await userEvent.click(screen.getByRole('button', { name: 'Ajouter la fermeture' }));
    expect(await screen.findByText('Indiquez la raison (travaux, congés…)')).toBeTruthy();
    expect(screen.getAllByText('Date attendue au format AAAA-MM-JJ')).toHaveLength(2);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('shows them in English once the page is in English', async () => {
    await i18n.changeLanguage('en');
    renderPanel();
    await userEvent.click(screen.getByRole('button', { name: 'Add the closure' }));
    expect(await screen.findByText('Give the reason (works, holidays…)')).toBeTruthy();
    expect(screen.getAllByText('A date expected as YYYY-MM-DD')).toHaveLength(2);
    expect(screen.queryByText(/Indiquez|attendue/)).toBeNull();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
