import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../features/auth/api/get-me';
import { usePageTitle } from '../../hooks/use-page-title';
import { returnPathOf } from '../../lib/return-path';
import { paths } from '../paths';

/** After sign-up: the organisation exists, signed in, and waits for its regional delegation. */
export function RegisteredPage() {
  const { t } = useTranslation();
  const me = useMe();
  const organisation = me.data?.organisation;
  const verified = organisation?.verification === 'verified';
  const [params] = useSearchParams();
  const back = returnPathOf(params);
  usePageTitle(verified ? t('registered.verifiedTitle') : t('registered.title'));
  return (
    <div className="page page--narrow">
      <div className="card">
        <p className="eyebrow">{t('registered.eyebrow')}</p>
        <h1>{verified ? t('registered.verifiedTitle') : t('registered.title')}</h1>
        {organisation && <p className="lead">{t('registered.organisation', { name: organisation.name })}</p>}
        {!verified && (
          <>
            <p>{t('registered.explain')}</p>
            <ul className="steps">
              <li>{t('registered.step1')}</li>
              <li>{t('registered.step2')}</li>
              <li>{t('registered.step3')}</li>
            </ul>
          </>
        )}
        <p className="actions">
          {back ? (
            <Link className="button button--primary" to={back}>
              {t('registered.back')}
            </Link>
          ) : (
            <Link className="button button--primary" to={paths.spaces}>
              {t('registered.browse')}
            </Link>
          )}
          <Link className="button button--secondary" to={paths.members}>
            {t('registered.invite')}
          </Link>
        </p>
      </div>
    </div>
  );
}
