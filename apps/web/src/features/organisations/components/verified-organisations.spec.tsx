import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { OrganisationUnderReview } from '@lieux/contracts';
import { i18n } from '../../../lib/i18n';
import { VerifiedOrganisations } from './verified-organisations';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' },
  });

const ressourcerie: OrganisationUnderReview = {
  id: '5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  name: 'Ressourcerie du Lez',
  siret: '81234567600019',
  legalForm: 'association',
  rna: 'W343000001',
  esusApprovedOn: null,
  esusExpiresOn: null,
  esusExpired: null,
  address: '2 rue du Lez',
  postcode: '34000',
  communeCode: '34172',
  commune: 'Montpellier',
  departementCode: '34',
  regionCode: '76',
  verification: 'verified',
  verificationReason: null,
  createdAt: '2026-01-05T09:00:00.000Z',
  contact: { displayName: 'Inès Durand', email: 'ines@ressourcerie-du-lez.org' },
};

const fetchMock = vi.fn<typeof fetch>();

/** The API of a delegate: one verified organisation until its verification is withdrawn. */
function serve() {
  let verified = [ressourcerie];
  fetchMock.mockImplementation(async (input, init) => {
    const url = new URL(String(input));
    if (init?.method === 'POST' && url.pathname.endsWith('/withdraw-verification')) {
      const reason = JSON.parse(String(init.body)).reason;
      verified = [];
      return json(200, { ...ressourcerie, verification: 'rejected', verificationReason: reason });
    }
    return json(200, { items: verified, nextCursor: null });
  });
}

describe('a delegate withdraws a verification', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('fr');
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockReset();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('asks for a reason, sends it, announces it, and the organisation leaves the list', async () => {
    serve();
    const client = new QueryClient({
      defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
    });
    render(
      <QueryClientProvider client={client}>
        <VerifiedOrganisations />
      </QueryClientProvider>,
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Retirer la vérification de Ressourcerie du Lez' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Retirer la vérification de Ressourcerie du Lez' });
    const submit = within(dialog).getByRole('button', { name: 'Retirer la vérification' });
    await userEvent.click(submit);
    expect(within(dialog).getByText(/Expliquez le retrait en quelques mots/)).toBeTruthy();
    await userEvent.type(within(dialog).getByLabelText('Motif du retrait'), ' SIRET radié depuis mars ');
    await userEvent.click(submit);

    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST')!;
    expect(new URL(String(post[0])).pathname).toBe(
      `/api/v1/organisations/${ressourcerie.id}/withdraw-verification`,
    );
    expect(JSON.parse(String(post[1]!.body))).toEqual({ reason: 'SIRET radié depuis mars' });
    expect(
      await screen.findByText(
        'La vérification de Ressourcerie du Lez est retirée. Le motif lui est envoyé par e-mail.',
      ),
    ).toBeTruthy();
    await waitFor(() => expect(screen.getByText('Aucune organisation vérifiée.')).toBeTruthy());
  });
});
