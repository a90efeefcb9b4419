import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Modal } from './modal';

const renderModal = (props: Partial<Parameters<typeof Modal>[0]> = {}) => {
  const onClose = vi.fn();
  render(
    <Modal
      title="Supprimer votre compte ?"
      description={<p>Vos réservations à venir sont annulées.</p>}
      onClose={onClose}
      actions={<button type="button">Supprimer</button>}
      {...props}
    />,
  );
  return { onClose, dialog: screen.getByRole('dialog', { name: 'Supprimer votre compte ?' }) };
};

describe('Modal', () => {
  it('opens as a modal dialog named by its title and described by its description', () => {
    const { dialog } = renderModal();
    expect((dialog as HTMLDialogElement).open).toBe(true);
    const description = document.getElementById(dialog.getAttribute('aria-describedby') ?? '');
    expect(description?.textContent).toBe('Vos réservations à venir sont annulées.');
  });

  it('closes from its cancelling button, and says so', async () => {
    const { dialog, onClose } = renderModal({ cancelLabel: 'Garder mon compte' });
    await userEvent.click(screen.getByRole('button', { name: 'Garder mon compte' }));
    expect((dialog as HTMLDialogElement).open).toBe(false);
    await vi.waitFor(() => expect(onClose).toHaveBeenCalledOnce());
  });

  it('starts on the cancelling button when asked, for a confirmation', () => {
    renderModal({ initialFocus: 'cancel' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Annuler' }));
  });

  it('keeps Escape from closing it while something is being sent', () => {
    const { dialog } = renderModal({ busy: true });
    const escape = new Event('cancel', { cancelable: true });
    fireEvent(dialog, escape);
    expect(escape.defaultPrevented).toBe(true);
  });

  it('wraps its body in a form when it submits one', () => {
    const onSubmit = vi.fn((e: React.FormEvent) => e.preventDefault());
    renderModal({ onSubmit, actions: <button type="submit">Envoyer</button> });
    fireEvent.click(screen.getByRole('button', { name: 'Envoyer' }));
    expect(onSubmit).toHaveBeenCalledOnce();
  });
});
