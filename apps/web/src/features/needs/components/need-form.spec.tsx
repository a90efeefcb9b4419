import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { i18n } from '../../../lib/i18n';
import { emptyValues, type NeedFormValues } from '../need-form-values';
import { NeedForm } from './need-form';

function renderForm(initial: NeedFormValues, onSubmit = vi.fn()) {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <NeedForm
        initial={initial}
        submitLabel="Déclarer ce besoin"
        pending={false}
        error={null}
        onSubmit={onSubmit}
      />
    </QueryClientProvider>,
  );
  return onSubmit;
}

describe('NeedForm', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(async () => {
    await i18n.changeLanguage('fr');
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockReset();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('says what is missing, on each field, and sends nothing', async () => {
    const onSubmit = renderForm(emptyValues('2026-12-03'));
    await userEvent.click(screen.getByRole('button', { name: 'Déclarer ce besoin' }));
    expect(await screen.findByText('Indiquez le nombre de personnes (1 au moins).')).toBeTruthy();
    expect(screen.getByText('Cochez au moins un jour.')).toBeTruthy();
    expect(screen.getByText('Choisissez une commune dans la liste.')).toBeTruthy();
    expect(screen.getByText('Choisissez un domaine.')).toBeTruthy();
    // The shared schema's own message, in French.
    expect(screen.getByText('Au moins deux caractères')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends "un atelier de 30 m² le mardi après-midi à Nîmes" as the API reads it', async () => {
    const onSubmit = renderForm({
      ...emptyValues('2026-12-03'),
      commune: { communeCode: '30189', postcode: '30000', name: 'Nîmes' },
    });
    await userEvent.selectOptions(screen.getByLabelText('Type d’espace'), 'workshop');
    await userEvent.type(screen.getByLabelText('Surface minimale (m²)'), '30');
    await userEvent.type(screen.getByLabelText('Nombre de personnes'), '12');
    await userEvent.click(screen.getByLabelText('Mardi'));
    await userEvent.click(screen.getByLabelText('Après-midi (14 h – 17 h)'));
    expect(
      screen.getByText(
        'Compris : tous les mardis de 14 h à 17 h, du 7 décembre 2026 au 28 février 2027 (12 créneaux).',
      ),
    ).toBeTruthy();
    await userEvent.type(screen.getByLabelText('En une phrase'), 'Atelier vélo');
    await userEvent.selectOptions(screen.getByLabelText('Domaine'), 'mobilite');
    await userEvent.click(screen.getByRole('button', { name: 'Déclarer ce besoin' }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit.mock.calls[0][0]).toMatchObject({
      kind: 'workshop',
      minAreaM2: 30,
      attendees: 12,
      schedule: { weekdays: [2], startTime: '14:00', endTime: '17:00', perWeek: null },
      place: { communeCode: '30189' },
      purpose: 'Atelier vélo',
      theme: 'mobilite',
    });
  });

  it('shows the two times only for other hours, and n a week among days', async () => {
    renderForm(emptyValues('2026-12-03'));
    expect(screen.queryByLabelText('De')).toBeNull();
    await userEvent.click(screen.getByLabelText('Autres horaires'));
    expect(screen.getByLabelText('De')).toBeTruthy();
    await userEvent.click(screen.getByLabelText('Quelques demi-journées par semaine'));
    expect(screen.getByLabelText('Combien par semaine')).toBeTruthy();
    expect(screen.getByText('Parmi ces jours (tous si aucun n’est coché)')).toBeTruthy();
  });
});
