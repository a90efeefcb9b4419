import { useTranslation } from 'react-i18next';

/** Prints the page as its print stylesheet lays it out (global.css, `@media print`): no menus, no maps. */
export function PrintButton() {
  const { t } = useTranslation();
  return (
    <button type="button" className="button button--secondary print-button" onClick={() => window.print()}>
      {t('print.button')}
    </button>
  );
}
