import { lazy, Suspense } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DiscountsPanel } from '../../features/bookings/components/discounts-panel';
import { useSite } from '../../features/sites/api/get-site';
import { ClosuresPanel } from '../../features/sites/components/closures-panel';
import { HolidaysPanel } from '../../features/sites/components/holidays-panel';
import { OpeningHoursEditor } from '../../features/sites/components/opening-hours-editor';
import { SiteSpacesTable } from '../../features/sites/components/site-spaces-table';
import { usePageTitle } from '../../hooks/use-page-title';
import { errorMessage } from '../../lib/error-message';
import { paths } from '../paths';

const SiteWeekCalendar = lazy(() => import('../../features/sites/components/site-week-calendar'));

/** One site for its manager: its spaces, weekly hours, closures, holidays and week of bookings. */
export function ManageSitePage() {
  const { t } = useTranslation();
  const { siteId = '' } = useParams();
  const site = useSite(siteId);
  usePageTitle(site.data?.name ?? t('manage.title'));

  if (site.isPending)
    return (
      <p className="page" role="status">
        {t('common.loading')}
      </p>
    );
  if (site.isError)
    return (
      <div className="page">
        <p className="alert alert--error" role="alert">
          {errorMessage(site.error, t)}
        </p>
        <Link to={paths.manage}>{t('manage.back')}</Link>
      </div>
    );
  const s = site.data;
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to={paths.manage}>
          <span aria-hidden="true">← </span>
          {t('manage.back')}
        </Link>
      </p>
      <header className="page-header">
        <div>
          <p className="eyebrow">{t('manage.site')}</p>
          <h1>{s.name}</h1>
          <p className="lead">
            {s.address} · {s.postcode} {s.commune}
          </p>
        </div>
      </header>
      <nav className="section-nav" aria-label={t('manage.sections')}>
        <a href="#espaces">{t('manage.spaces.title')}</a>
        <a href="#semaine">{t('manage.week.title')}</a>
        <a href="#horaires">{t('manage.hours.title')}</a>
        <a href="#fermetures">{t('manage.closures.title')}</a>
        <a href="#feries">{t('manage.holidays.title')}</a>
        <a href="#remises">{t('discounts.title')}</a>
      </nav>

      <section className="panel" id="espaces" aria-labelledby="spaces-title">
        <div className="panel__header">
          <h2 id="spaces-title">{t('manage.spaces.title')}</h2>
          <Link className="button button--primary" to={paths.newSpace(s.id)}>
            {t('manage.spaces.new')}
          </Link>
        </div>
        {s.openingHours.length === 0 && <p className="alert alert--warning">{t('manage.noHoursWarning')}</p>}
        <SiteSpacesTable siteId={s.id} editPath={(space) => paths.editSpace(space.id)} />
      </section>

      <section className="panel" id="semaine" aria-labelledby="week-title">
        <h2 id="week-title">{t('manage.week.title')}</h2>
        <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
          <SiteWeekCalendar site={s} />
        </Suspense>
      </section>

      <section className="panel" id="horaires" aria-labelledby="hours-title">
        <h2 id="hours-title">{t('manage.hours.title')}</h2>
        <OpeningHoursEditor key={s.id} site={s} />
      </section>

      <section className="panel" id="fermetures" aria-labelledby="closures-title">
        <h2 id="closures-title">{t('manage.closures.title')}</h2>
        <ClosuresPanel site={s} />
      </section>

      <section className="panel" id="feries" aria-labelledby="holidays-title">
        <h2 id="holidays-title">{t('manage.holidays.title')}</h2>
        <HolidaysPanel site={s} />
      </section>

      <section className="panel" id="remises" aria-labelledby="discounts-title">
        <h2 id="discounts-title">{t('discounts.title')}</h2>
        <DiscountsPanel siteId={s.id} />
      </section>
    </div>
  );
}
