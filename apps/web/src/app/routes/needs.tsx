import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { NeedStatus } from '@lieux/contracts';
import { ListStatus } from '../../components/list-status';
import { useMyNeeds } from '../../features/needs/api/needs';
import { placeSummary, scheduleSummary, sentence, spaceWanted } from '../../features/needs/need-summary';
import { usePageTitle } from '../../hooks/use-page-title';
import { currentLanguage } from '../../lib/i18n';
import { paths } from '../paths';
import '../../styles/needs.css';

// One chunk for the organisation's needs pages: one entry less in the shell's list of chunks.
export { NeedPage } from './need';
export { EditNeedPage, NewNeedPage } from './new-need';

const STATUS_CLASS: Record<NeedStatus, string> = {
  open: 'status--pending',
  matched: 'status--confirmed',
  booked: 'status--confirmed',
  closed: 'status--cancelled',
  expired: 'status--expired',
};

/** The organisation's needs, newest first: what, when, where, and whether spaces meet them. */
export function MyNeedsPage() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  usePageTitle(t('needs.list.title'));
  const needs = useMyNeeds();
  const items = needs.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="page">
      <div className="page-title">
        <h1>{t('needs.list.title')}</h1>
        <Link className="button button--primary" to={paths.newNeed}>
          {t('needs.list.declare')}
        </Link>
      </div>
      <p className="lead">{t('needs.list.intro')}</p>
      <ListStatus
        query={needs}
        isEmpty={items.length === 0}
        empty={
          <>
            <p>{t('needs.list.empty')}</p>
            <p>
              <Link to={paths.newNeed}>{t('needs.list.declareFirst')}</Link>
            </p>
          </>
        }
      />
      {items.length > 0 && (
        <ul className="need-list plain-list">
          {items.map((n) => (
            <li key={n.id} className="card need-card">
              <h2 className="need-card__title">
                <Link to={paths.need(n.id)}>{n.purpose}</Link>
              </h2>
              <p>
                <span className={`status ${STATUS_CLASS[n.status]}`}>{t(`needs.status.${n.status}`)}</span>{' '}
                {(n.status === 'open' || n.status === 'matched') && (
                  <span className="muted">{t('needs.list.matches', { count: n.matchCount })}</span>
                )}
              </p>
              <p>
                {sentence(
                  spaceWanted(n, lang),
                  scheduleSummary(n.schedule, lang),
                  placeSummary(n.place, lang),
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      {needs.hasNextPage && (
        <p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void needs.fetchNextPage()}
            disabled={needs.isFetchingNextPage}
          >
            {t('needs.list.more')}
          </button>
        </p>
      )}
    </div>
  );
}
