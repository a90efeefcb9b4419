import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Project } from '@lieux/contracts';
import { currentLanguage } from '../../../lib/i18n';
import { formatFigure } from './format';
import { ReplicationTag } from './project-parts';
import { projectPath } from '../paths';

type SortKey =
  'title' | 'theme' | 'organisation' | 'bookedHours' | 'usedSqmHours' | 'bookings' | 'peopleReached';
const NUMERIC: SortKey[] = ['bookedHours', 'usedSqmHours', 'bookings', 'peopleReached'];

/** The value a column sorts on. */
export function sortValue(p: Project, key: SortKey, themeName: (theme: string) => string): string | number {
  switch (key) {
    case 'title':
      return p.title;
    case 'theme':
      return themeName(p.theme);
    case 'organisation':
      return p.organisationName;
    default:
      return p.figures[key];
  }
}

/** A région's projects, sortable: theme, organisation, hours and m²·h hosted, bookings, people reached. */
export function ProjectsTable({ projects, caption }: { projects: Project[]; caption: string }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'bookedHours', desc: true });
  const sorted = useMemo(() => {
    const name = (theme: string) => t(`essThemes.${theme}`);
    const out = [...projects].sort((a, b) => {
      const x = sortValue(a, sort.key, name);
      const y = sortValue(b, sort.key, name);
      return typeof x === 'string' && typeof y === 'string'
        ? x.localeCompare(y, 'fr')
        : Number(x) - Number(y);
    });
    return sort.desc ? out.reverse() : out;
  }, [projects, sort, t]);
  const columns: SortKey[] = ['title', 'theme', 'organisation', ...NUMERIC];
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="table table--compact table--cards projects-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                key={c}
                scope="col"
                className={NUMERIC.includes(c) ? 'num' : undefined}
                aria-sort={sort.key === c ? (sort.desc ? 'descending' : 'ascending') : 'none'}
              >
                <button
                  type="button"
                  className="link-button"
                  onClick={() =>
                    setSort((s) => ({ key: c, desc: s.key === c ? !s.desc : NUMERIC.includes(c) }))
                  }
                >
                  {t(`projects.columns.${c}`)}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((p) => (
            <tr key={p.id} data-project-id={p.id}>
              <th scope="row" data-label={t('projects.columns.title')}>
                <Link to={projectPath(p.id)}>{p.title}</Link> <ReplicationTag project={p} />
                <span className="muted block">
                  {p.territory.communeName ?? p.territory.departementName} ({p.territory.departementCode})
                </span>
              </th>
              <td data-label={t('projects.columns.theme')}>{t(`essThemes.${p.theme}`)}</td>
              <td data-label={t('projects.columns.organisation')}>{p.organisationName}</td>
              <td className="num" data-label={t('projects.columns.bookedHours')}>
                {formatFigure(p.figures.bookedHours, lang)}
              </td>
              <td className="num" data-label={t('projects.columns.usedSqmHours')}>
                {formatFigure(p.figures.usedSqmHours, lang)}
              </td>
              <td className="num" data-label={t('projects.columns.bookings')}>
                {formatFigure(p.figures.bookings, lang)}
              </td>
              <td className="num" data-label={t('projects.columns.peopleReached')}>
                {formatFigure(p.figures.peopleReached, lang)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
