import { lazy, Suspense, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Site } from '@lieux/contracts';
import { CalendarSubscription } from '../../components/calendar-subscription';
import { DiscountsPanel } from '../../features/bookings/components/discounts-panel';
import { useSite } from '../../features/sites/api/get-site';
import { ClosuresPanel } from '../../features/sites/components/closures-panel';
import { HolidaysPanel } from '../../features/sites/components/holidays-panel';
import { OpeningHoursEditor } from '../../features/sites/components/opening-hours-editor';
import { SiteAccessForm } from '../../features/sites/components/site-access-form';
import { SiteSpacesTable } from '../../features/sites/components/site-spaces-table';
import { usePageTitle } from '../../hooks/use-page-title';
import { errorMessage } from '../../lib/error-message';
import { paths } from '../paths';
import '../../styles/manage.css';

const SiteWeekCalendar = lazy(() => import('../../features/sites/components/site-week-calendar'));
const NearbyNeeds = lazy(() => import('../../features/needs/components/nearby-needs'));
const QuotaRulesPanel = lazy(() => import('../../features/quotas/components/quota-rules-panel'));

/**
 * The sections of a site's page, in the order of the navigation: each its own view, named in the address
 * (`?rubrique=horaires`), so that a manager reaches any in one click, and back and links work.
 */
const SECTIONS = [
  'espaces',
  'horaires',
  'fermetures',
  'feries',
  'remises',
  'quotas',
  'calendrier',
  'acces',
  'demande',
] as const;
type Section = (typeof SECTIONS)[number];
const SECTION_PARAM = 'rubrique';

/** One site for its manager: its spaces, weekly hours, closures, holidays, discounts, quotas, week and access. */
export function ManageSitePage() {
  const { t } = useTranslation();
  const { siteId = '' } = useParams();
  const [params] = useSearchParams();
  const asked = params.get(SECTION_PARAM);
  const section: Section = SECTIONS.find((s) => s === asked) ?? 'espaces';
  const site = useSite(siteId);
  const title = t(`siteManage.headings.${section}`);
  usePageTitle(site.data ? `${title} — ${site.data.name}` : t('manage.title'));

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
  const link = (to: Section) => `?${SECTION_PARAM}=${to}`;
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to={paths.manage}>
          <span aria-hidden="true">← </span>
          {t('manage.back')}
        </Link>
      </p>
      <header className="page-header site-header">
        <div>
          <p className="eyebrow">{t('manage.site')}</p>
          <h1>{s.name}</h1>
          <p className="lead">
            {s.address} · {s.postcode} {s.commune}
          </p>
        </div>
      </header>
      <nav className="section-nav" aria-label={t('manage.sections')}>
        <ul>
          {SECTIONS.map((to) => (
            <li key={to}>
              <Link
                to={link(to)}
                className="section-nav__link"
                aria-current={to === section ? 'page' : undefined}
                preventScrollReset
              >
                {t(`siteManage.sections.${to}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <SiteSection id={section} title={title} action={sectionAction(section, s, t)}>
        <SectionBody section={section} site={s} hoursLink={link('horaires')} />
      </SiteSection>
    </div>
  );
}

function sectionAction(section: Section, s: Site, t: (k: string) => string): ReactNode {
  if (section !== 'espaces') return null;
  return (
    <Link className="button button--primary" to={paths.newSpace(s.id)}>
      {t('manage.spaces.new')}
    </Link>
  );
}

function SiteSection({
  id,
  title,
  action,
  children,
}: {
  id: Section;
  title: string;
  action: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="panel site-section" id={id} aria-labelledby={`${id}-title`}>
      <div className="panel__header">
        <h2 id={`${id}-title`}>{title}</h2>
        {action}
      </div>
      {children}
    </section>
  );
}

function SectionBody({ section, site: s, hoursLink }: { section: Section; site: Site; hoursLink: string }) {
  const { t } = useTranslation();
  switch (section) {
    case 'espaces':
      return (
        <>
          {s.openingHours.length === 0 && (
            <p className="alert alert--warning">
              {t('manage.noHoursWarning')} <Link to={hoursLink}>{t('siteManage.setHours')}</Link>
            </p>
          )}
          <SiteSpacesTable siteId={s.id} editPath={(space) => paths.editSpace(space.id)} />
        </>
      );
    case 'horaires':
      return <OpeningHoursEditor key={s.id} site={s} />;
    case 'fermetures':
      return <ClosuresPanel site={s} />;
    case 'feries':
      return <HolidaysPanel site={s} />;
    case 'remises':
      return <DiscountsPanel siteId={s.id} />;
    case 'quotas':
      return (
        <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
          <QuotaRulesPanel scope={{ siteId: s.id }} />
        </Suspense>
      );
    case 'calendrier':
      return (
        <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
          <SiteWeekCalendar site={s} />
          <CalendarSubscription kind="sites" headingLevel={3} />
        </Suspense>
      );
    case 'acces':
      return <SiteAccessForm key={s.id} site={s} />;
    case 'demande':
      return (
        <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
          <NearbyNeeds site={s} />
        </Suspense>
      );
  }
}
