import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { i18n } from '../../../lib/i18n';
import { SpaceForm } from './space-form';

/** A new space with no name, no area and no rate: the shared schema's messages and the form's own. */
async function submitEmpty(submitLabel: string) {
  const onSubmit = vi.fn();
  render(<SpaceForm pending={false} error={null} submitLabel={submitLabel} onSubmit={onSubmit} />);
  await userEvent.clear(screen.getByLabelText(i18n.t('manage.form.hourlyRate')));
  await userEvent.click(screen.getByRole('button', { name: submitLabel }));
  expect(onSubmit).not.toHaveBeenCalled();
}

describe('SpaceForm', () => {
  afterEach(() => i18n.changeLanguage('fr'));

  it('words its field messages in French', async () => {
    await i18n.changeLanguage('fr');
    await submitEmpty('Créer');
    expect(await screen.findByText('Au moins deux caractères')).toBeTruthy();
    expect(screen.getByText('Indiquez un tarif (0 pour la gratuité)')).toBeTruthy();
  });

  it('words them in English when the page is in English', async () => {
    await i18n.changeLanguage('en');
    await submitEmpty('Create');
    expect(await screen.findByText('At least two characters')).toBeTruthy();
    expect(screen.getByText('Give a rate (0 for free)')).toBeTruthy();
  });
});
