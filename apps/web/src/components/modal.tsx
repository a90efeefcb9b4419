import { useEffect, useId, useRef, type FormEventHandler, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A modal dialog on the native `<dialog>`: opened with `showModal` when mounted, so the rest of the page
 * is inert (the focus stays inside) and the browser hands the focus back to the opener when it closes;
 * Escape closes it unless `busy`. Named by its title, described by `description` when there is one. The
 * body is a form when `onSubmit` is given; the actions end with `actions`, after a button that closes.
 */
export function Modal({
  ref,
  title,
  description,
  closeButton = false,
  busy = false,
  cancelLabel,
  initialFocus,
  actions,
  onSubmit,
  onClose,
  children,
}: {
  /** For a parent that closes the dialog itself (an outcome it then announces). */
  ref?: RefObject<HTMLDialogElement | null>;
  title: ReactNode;
  description?: ReactNode;
  /** A × button in the header, beside the title. */
  closeButton?: boolean;
  /** Something is being sent: Escape does not close the dialog meanwhile. */
  busy?: boolean;
  /** The closing button's text; "Cancel" by default. */
  cancelLabel?: string;
  /** Where the focus starts when nothing in the body asks for it: the closing button, for a confirmation. */
  initialFocus?: 'cancel';
  actions: ReactNode;
  /** Makes the dialog a form; its errors are the app's, shown with each field (never the browser's). */
  onSubmit?: FormEventHandler<HTMLFormElement>;
  /** The dialog closed: by Escape, a closing button, or the parent. */
  onClose: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  const ownRef = useRef<HTMLDialogElement>(null);
  const dialogRef = ref ?? ownRef;
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    if (initialFocus === 'cancel') cancelRef.current?.focus();
  }, [dialogRef, initialFocus]);

  const close = () => dialogRef.current?.close();
  const body = (
    <>
      <header className="dialog__header">
        <h2 id={`${id}-title`}>{title}</h2>
        {closeButton && (
          <button
            type="button"
            className="button button--icon"
            onClick={close}
            aria-label={t('common.close')}
          >
            <span aria-hidden="true">×</span>
          </button>
        )}
      </header>
      {description && <div id={`${id}-description`}>{description}</div>}
      {children}
      <div className="dialog__actions">
        <button ref={cancelRef} type="button" className="button button--secondary" onClick={close}>
          {cancelLabel ?? t('common.cancel')}
        </button>
        {actions}
      </div>
    </>
  );

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={description ? `${id}-description` : undefined}
      onClose={onClose}
      onCancel={(e) => {
        if (busy) e.preventDefault();
      }}
    >
      {onSubmit ? (
        <form className="form" onSubmit={onSubmit} noValidate>
          {body}
        </form>
      ) : (
        <div className="form">{body}</div>
      )}
    </dialog>
  );
}
