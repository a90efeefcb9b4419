import { describe, expect, it, beforeEach, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import type { Need, NeedMatch } from '@lieux/contracts';
import { i18n } from '../../../lib/i18n';
import { NeedMatches } from './need-matches';

const site = {
  id: '431e8630-c2dd-4945-98ac-d210dff347db',
  name: 'La Poste Nîmes Esplanade',
  address: '1 boulevard de Bruxelles',
  postcode: '30000',
  commune: 'Nîmes',
  departementCode: '30',
  regionCode: '76',
  timeZone: 'Europe/Paris',
  latitude: 43.83,
  longitude: 4.36,
};

const occurrence = (day: number, free: boolean, reason: string | null = null) => ({
  start: `2027-01-${String(day).padStart(2, '0')}T13:00:00Z`,
  end: `2027-01-${String(day).padStart(2, '0')}T16:00:00Z`,
  free,
  reason,
});

const match: NeedMatch = {
  spaceId: '0b9c1a52-8d5e-4a43-9a51-2f8f4f0e6a11',
  spaceName: 'Atelier Feuchères',
  kind: 'workshop',
  areaM2: 35,
  capacity: 15,
  equipment: [],
  stepFree: true,
  approvalRequired: true,
  site,
  distanceKm: 2.4,
  occurrencesWanted: 10,
  occurrencesFree: 8,
  hourlyRateCents: 250,
  discountPercent: 50,
  totalCents: 6000,
  occurrences: [occurrence(5, true), occurrence(12, false, 'SLOT_TAKEN'), occurrence(19, false, 'HOLIDAY')],
  series: null,
};

const need = {
  id: '5b0c9a1e-1111-4a8e-9d43-3c1f5b2a7e10',
  status: 'matched',
  purpose: 'Atelier vélo',
} as Need;

function renderMatches(n: Need = need) {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MemoryRouter>
        <NeedMatches need={n} matches={[match]} spaceLink={(id) => `/espaces/${id}`} onBooked={vi.fn()} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('NeedMatches', () => {
  beforeEach(() => i18n.changeLanguage('fr'));

  it('says how many occurrences are free, how far, the price after discount and the approval', () => {
    renderMatches();
    expect(screen.getByText('8 sur 10 créneaux libres')).toBeTruthy();
    expect(screen.getByText('à 2,4 km')).toBeTruthy();
    expect(screen.getByText(/2,50\s€ de l’heure \(remise de 50 % comprise\)/)).toBeTruthy();
    expect(screen.getByText('Sur validation du gestionnaire')).toBeTruthy();
    expect(screen.getByText(/mardi 12 janvier 2027, 14 h 00 – 17 h 00 — déjà réservé/)).toBeTruthy();
    expect(screen.getByText(/— jour férié/)).toBeTruthy();
  });

  it('books from a live need only, under a title it asks for', async () => {
    renderMatches();
    await userEvent.click(screen.getByRole('button', { name: 'Réserver ces créneaux : Atelier Feuchères' }));
    expect(screen.getByRole('dialog', { name: 'Réserver Atelier Feuchères' })).toBeTruthy();
    expect((screen.getByLabelText('Intitulé des réservations') as HTMLInputElement).value).toBe(
      'Atelier vélo',
    );
  });

  it('offers no booking once the need is closed', () => {
    renderMatches({ ...need, status: 'closed' });
    expect(screen.queryByRole('button', { name: /Réserver ces créneaux/ })).toBeNull();
  });
});
