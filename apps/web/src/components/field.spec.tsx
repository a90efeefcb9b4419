import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { Field } from './field';

describe('Field', () => {
  it('names its control by the label and describes it by the hint, then the error', () => {
    render(
      <Field label="Objet" hint="Visible par le gestionnaire." error="Indiquez l’objet.">
        {(c) => <input {...c} />}
      </Field>,
    );
    const input = screen.getByLabelText('Objet');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const described = (input.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent);
    expect(described).toEqual(['Visible par le gestionnaire.', 'Indiquez l’objet.']);
  });

  it('is neither invalid nor described when there is nothing to say', () => {
    render(<Field label="Date">{(c) => <input {...c} type="date" />}</Field>);
    const input = screen.getByLabelText('Date');
    expect(input.hasAttribute('aria-invalid')).toBe(false);
    expect(input.hasAttribute('aria-describedby')).toBe(false);
  });

  it('keeps the id it is given, for what refers to the control', () => {
    render(
      <Field id="commune" label="Commune" error="Choisissez la commune.">
        {(c) => <input {...c} />}
      </Field>,
    );
    expect(screen.getByLabelText('Commune').id).toBe('commune');
    expect(document.getElementById('commune-error')?.textContent).toBe('Choisissez la commune.');
  });
});
