import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { i18n } from '../../../lib/i18n';
import type { WeeklyWindow } from '../api/set-opening-hours';
import { problemsOf, WeeklyHoursForm, type Row } from './opening-hours-editor';

const row = (key: number, weekday: number, opens: string, closes: string): Row => ({
  key,
  weekday,
  opens,
  closes,
});

describe('problemsOf', () => {
  it('names a missing time, a closing not after the opening, and an overlap within a day only', () => {
    const problems = problemsOf([
      row(1, 1, '09:00', '12:30'),
      row(2, 1, '12:00', '14:00'),
      row(3, 2, '14:00', '09:00'),
      row(4, 3, '', '12:00'),
      row(5, 4, '09:00', '12:00'),
      row(6, 5, '09:00', '12:00'),
      row(7, 5, '12:00', '18:00'),
      // A window inside a longer one of the same day overlaps it too.
      row(8, 6, '08:00', '18:00'),
      row(9, 6, '10:00', '11:00'),
      row(10, 7, '13:00', '17:00'),
    ]);
    expect(Object.fromEntries(problems)).toEqual({
      2: 'overlap',
      3: 'closesBeforeOpens',
      4: 'missing',
      9: 'overlap',
    });
  });
});

describe('WeeklyHoursForm', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('fr');
  });

  it('shows one row a day, "Fermé" for a day without hours, and copies a day to the working days', async () => {
    const save = vi.fn(async (hours: WeeklyWindow[]) => hours);
    render(
      <WeeklyHoursForm
        hours={[
          { weekday: 1, opens: '09:00', closes: '12:30' },
          { weekday: 1, opens: '14:00', closes: '17:00' },
          { weekday: 6, opens: '10:00', closes: '12:00' },
        ]}
        timeZone="Europe/Paris"
        save={save}
      />,
    );
    const days = screen.getAllByRole('listitem');
    expect(days.map((d) => d.querySelector('.hours-day__name')?.textContent)).toEqual([
      'Lundi',
      'Mardi',
      'Mercredi',
      'Jeudi',
      'Vendredi',
      'Samedi',
      'Dimanche',
    ]);
    expect(within(days[1]).getByText('Fermé')).toBeTruthy();

    await userEvent.click(
      screen.getByRole('button', {
        name: 'Copier sur tous les jours de semaine les plages du lundi (du lundi au vendredi)',
      }),
    );
    expect(screen.getByRole('status').textContent).toContain('Plages du lundi copiées du lundi au vendredi');
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer les horaires' }));
    const sent = save.mock.calls[0][0];
    expect(sent.filter((w) => w.weekday <= 5)).toHaveLength(10);
    expect(sent.filter((w) => w.weekday === 5)).toEqual([
      { weekday: 5, opens: '09:00', closes: '12:30' },
      { weekday: 5, opens: '14:00', closes: '17:00' },
    ]);
    // The weekend keeps its own hours.
    expect(sent.filter((w) => w.weekday > 5)).toEqual([{ weekday: 6, opens: '10:00', closes: '12:00' }]);
  });

  it('says in French what is wrong beside the window and sends nothing', async () => {
    const save = vi.fn();
    render(
      <WeeklyHoursForm
        hours={[
          { weekday: 2, opens: '09:00', closes: '12:30' },
          { weekday: 2, opens: '12:00', closes: '13:00' },
        ]}
        timeZone="Europe/Paris"
        save={save}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Enregistrer les horaires' }));
    expect(save).not.toHaveBeenCalled();
    const closes = screen.getByLabelText('Fermeture — Mardi, plage 2');
    expect(closes.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Plage 2 : elle chevauche une autre plage du même jour.')).toBeTruthy();
  });
});
