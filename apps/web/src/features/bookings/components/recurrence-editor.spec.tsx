import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Temporal } from 'temporal-polyfill';
import { NO_RECURRENCE, RecurrenceEditor, recurrenceRule, type Recurrence } from './recurrence-editor';

const PARIS = 'Europe/Paris';
const at = (iso: string) => Temporal.PlainDateTime.from(iso).toZonedDateTime(PARIS).epochMilliseconds;
// Thursday 3 June 2027, 9:00–10:30.
const first = { start: at('2027-06-03T09:00'), end: at('2027-06-03T10:30') };

function Editor() {
  const [value, setValue] = useState<Recurrence>({ ...NO_RECURRENCE, enabled: true });
  return (
    <RecurrenceEditor
      value={value}
      onChange={setValue}
      rule={recurrenceRule(value, first, PARIS, 'fr')}
      minDate="2027-06-03"
      firstWeekday={4}
    />
  );
}

describe('the recurrence editor', () => {
  it('leaves the number of times to the person, and says so when it is missing', async () => {
    render(<Editor />);
    const count = screen.getByLabelText('Nombre de fois');
    expect((count as HTMLInputElement).value).toBe('');
    const missing = 'Indiquez combien de fois répéter ce créneau, ou choisissez une date de fin.';
    expect(screen.getByTestId('recurrence-summary').textContent).toBe(missing);
    await userEvent.click(count);
    await userEvent.tab();
    expect(count.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getAllByText(missing)).toHaveLength(2);

    await userEvent.type(count, '10');
    expect(count.getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByTestId('recurrence-summary').textContent).toBe(
      'tous les jeudis de 9 h à 10 h 30, 10 fois',
    );
  });

  it('refuses a number of times out of bounds, and accepts an end date instead', async () => {
    render(<Editor />);
    const count = screen.getByLabelText('Nombre de fois');
    await userEvent.type(count, '500');
    expect(screen.getByTestId('recurrence-summary').textContent).toBe(
      'Indiquez un nombre de fois entre 1 et 200.',
    );
    await userEvent.click(screen.getByLabelText('Jusqu’au'));
    await userEvent.type(screen.getByLabelText('Date de fin'), '2027-06-18');
    expect(screen.getByTestId('recurrence-summary').textContent).toBe(
      'tous les jeudis de 9 h à 10 h 30, jusqu’au 18 juin',
    );
  });

  it('builds no rule without an end', () => {
    expect(recurrenceRule({ ...NO_RECURRENCE, enabled: true }, first, PARIS, 'fr')).toEqual({
      error: 'needsEnd',
    });
  });
});
