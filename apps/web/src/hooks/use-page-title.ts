import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** `Page — Lieux Partagés` in the tab and for screen readers announcing the page. */
export function usePageTitle(title: string | undefined) {
  const { t } = useTranslation();
  const app = t('app.name');
  useEffect(() => {
    document.title = title ? `${title} — ${app}` : app;
  }, [title, app]);
}
