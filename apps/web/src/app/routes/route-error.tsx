import { Link, useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';

export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  console.error(error);
  return (
    <main className="main" id="main">
      <div className="page page--narrow">
        <h1>{t('common.error')}</h1>
        <p>
          <Link to="/espaces">{t('notFound.back')}</Link>
        </p>
      </div>
    </main>
  );
}
