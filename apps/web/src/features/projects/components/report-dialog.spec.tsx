import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { i18n } from '../../../lib/i18n';
import { ReportDialog } from './report-dialog';

const PROJECT = '6f1c2a8e-1d2b-4c3d-9e4f-5a6b7c8d9e0f';
const BOOKING = '0b9c1a52-8d5e-4a43-9a51-2f8f4f0e6a11';
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function renderDialog() {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  const handlers = { onClose: vi.fn(), onDone: vi.fn() };
  render(
    <QueryClientProvider client={client}>
      <ReportDialog
        projectId={PROJECT}
        projectTitle="Repair café"
        bookingId={BOOKING}
        bookingTitle="Repair café de mars"
        {...handlers}
      />
    </QueryClientProvider>,
  );
  return handlers;
}

describe('ReportDialog', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(async () => {
    await i18n.changeLanguage('fr');
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockReset();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('refuses an empty report without calling the API', async () => {
    renderDialog();
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer le bilan' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Indiquez au moins un chiffre ou une phrase.',
    );
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('sends the people reached after the booking, and only what was given', async () => {
    fetchMock.mockResolvedValue(json({ id: 'r' }, 201));
    const { onDone } = renderDialog();
    expect(screen.getByRole('dialog', { name: 'Bilan — Repair café' })).toBeTruthy();
    await userEvent.type(screen.getByLabelText('Personnes touchées'), '18');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer le bilan' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledOnce());
    const [url, init] = fetchMock.mock.calls[0];
    expect(String(url)).toContain(`/api/v1/projects/${PROJECT}/reports`);
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({ bookingId: BOOKING, peopleReached: 18, sentence: '' });
  });

  it('says a figure must be a whole number', async () => {
    renderDialog();
    await userEvent.type(screen.getByLabelText('Bénévoles'), '2.5');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer le bilan' }));
    expect(await screen.findByText('Un nombre entier, zéro ou plus.')).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
