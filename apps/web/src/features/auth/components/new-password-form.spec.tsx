import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { i18n } from '../../../lib/i18n';
import { NewPasswordForm } from './new-password-form';

const WEAK =
  'Mot de passe trop facile à deviner : Ce mot de passe est fréquemment utilisé. Choisissez-en un plus long et moins prévisible, par exemple trois ou quatre mots sans lien entre eux.';

describe('choosing a new password', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('fr');
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>(
        async () =>
          new Response(
            JSON.stringify({
              status: 400,
              code: 'VALIDATION_FAILED',
              detail: WEAK,
              errors: [{ path: 'body.password', message: WEAK }],
            }),
            { status: 400, headers: { 'content-type': 'application/problem+json' } },
          ),
      ),
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows under the field why the API found the password too easy to guess', async () => {
    const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
    render(
      <QueryClientProvider client={client}>
        <NewPasswordForm token="jeton" onDone={vi.fn()} />
      </QueryClientProvider>,
    );
    const [password, confirm] = screen.getAllByLabelText(/mot de passe/i);
    await userEvent.type(password, '1234567890');
    await userEvent.type(confirm, '1234567890');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer le mot de passe' }));
    expect(await screen.findByText(WEAK)).toBeTruthy();
    expect(password.getAttribute('aria-invalid')).toBe('true');
  });
});
