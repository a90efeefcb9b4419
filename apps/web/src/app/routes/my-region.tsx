import '../../styles/staff.css';
import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDate } from '@lieux/scheduling';
import { ListStatus } from '../../components/list-status';
import { useRegions } from '../../features/admin/api/regions';
import { useMe } from '../../features/auth/api/get-me';
import { useOrganisations } from '../../features/organisations/api/get-organisations';
import { useOccupancy } from '../../features/reports/api/get-occupancy';
import { usePageTitle } from '../../hooks/use-page-title';
import { currentLanguage } from '../../lib/i18n';
import { todayIn } from '../../lib/wall-clock';
import { OtherWork } from '../other-work';
import { paths } from '../paths';

const PARIS = 'Europe/Paris';
/** How many waiting organisations the page names; the queue has them all. */
const FIRST_WAITING = 5;

/** A delegate's région: the organisations waiting for their verification, and this month's figures. */
export function MyRegionPage() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const me = useMe();
  const regions = useRegions();
  const code = me.data?.roles.find((r) => r.role === 'delegate')?.regionCode ?? null;
  const name = regions.data?.items.find((r) => r.code === code)?.name ?? code ?? '';
  usePageTitle(t('region.title', { name }));
  const [today] = useState(() => todayIn(PARIS));
  const monthStart = `${today.slice(0, 8)}01`;
  const pending = useOrganisations('pending');
  const waiting = pending.data?.pages.flatMap((p) => p.items) ?? [];
  const more = pending.data?.pages.at(-1)?.nextCursor != null;
  const figures = useOccupancy(
    { scope: `region:${code}`, from: monthStart, to: today, groupBy: 'site' },
    code !== null,
  );
  const totals = figures.data?.totals;
  const number = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 0,
  });

  return (
    <div className="page">
      <h1>{t('region.title', { name })}</h1>
      <p className="lead">{t('region.intro')}</p>
      <OtherWork current="region" />

      <section className="work-section" aria-labelledby="region-waiting">
        <h2 id="region-waiting">
          {t('region.waiting.title', { count: waiting.length, more: more ? '+' : '' })}
        </h2>
        <ListStatus
          query={pending}
          isEmpty={waiting.length === 0}
          empty={<p>{t('region.waiting.empty')}</p>}
        />
        {waiting.length > 0 && (
          <ul className="plain-list work-list">
            {waiting.slice(0, FIRST_WAITING).map((o) => (
              <li key={o.id}>
                <strong>{o.name}</strong> ·{' '}
                {t('region.waiting.since', { date: formatDate(o.createdAt, PARIS, lang) })}
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link className="button button--primary" to={paths.verifications}>
            {waiting.length > 0 ? t('region.waiting.answer') : t('region.waiting.open')}
          </Link>
        </p>
      </section>

      <section className="work-section" aria-labelledby="region-figures">
        <h2 id="region-figures">{t('region.figures.title')}</h2>
        <p className="muted">
          {t('region.figures.period', {
            from: formatDate(`${monthStart}T12:00:00Z`, PARIS, lang),
            to: formatDate(`${today}T12:00:00Z`, PARIS, lang),
          })}
        </p>
        <ListStatus query={figures} isEmpty={false} empty={null} />
        {totals && (
          <dl className="work-figures">
            <div>
              <dt>{t('region.figures.bookings')}</dt>
              <dd>{number.format(totals.bookings)}</dd>
            </div>
            <div>
              <dt>{t('region.figures.bookedHours')}</dt>
              <dd>{number.format(totals.bookedHours)}</dd>
            </div>
            <div>
              <dt>{t('region.figures.rate')}</dt>
              <dd>{totals.rate === null ? '—' : percent.format(totals.rate)}</dd>
            </div>
            <div>
              <dt>{t('region.figures.organisations')}</dt>
              <dd>{number.format(totals.organisations)}</dd>
            </div>
          </dl>
        )}
        <p>
          <Link to={paths.reports}>{t('region.figures.reports')}</Link>
        </p>
        <p>
          <Link to={paths.unmetDemand}>{t('region.unmetDemand')}</Link>
        </p>
      </section>
    </div>
  );
}
