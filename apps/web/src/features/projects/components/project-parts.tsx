import { useTranslation } from 'react-i18next';
import type { CaseSheet, Project, ProjectReport } from '@lieux/contracts';
import { formatDate } from '@lieux/scheduling';
import { currentLanguage } from '../../../lib/i18n';
import { formatDay, formatFigure, territoryOf } from './format';
import { newestFirst } from './project-values';

const PARIS = 'Europe/Paris';

/** What a project is: theme, organisation, territory, dates, public, partners, La Poste services. */
export function ProjectFacts({ project: p }: { project: Project }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (
    <dl className="facts facts--wide project-facts">
      <div>
        <dt>{t('projects.fields.theme')}</dt>
        <dd>{t(`essThemes.${p.theme}`)}</dd>
      </div>
      <div>
        <dt>{t('projects.fields.organisation')}</dt>
        <dd>{p.organisationName}</dd>
      </div>
      <div>
        <dt>{t('projects.fields.territory')}</dt>
        <dd>{territoryOf(p)}</dd>
      </div>
      <div>
        <dt>{t('projects.fields.period')}</dt>
        <dd>
          {p.endDate
            ? t('projects.period.between', {
                from: formatDay(p.startDate, lang),
                to: formatDay(p.endDate, lang),
              })
            : t('projects.period.since', { from: formatDay(p.startDate, lang) })}
        </dd>
      </div>
      <div>
        <dt>{t('projects.fields.audience')}</dt>
        <dd>{p.audience}</dd>
      </div>
      {p.partners.length > 0 && (
        <div>
          <dt>{t('projects.fields.partners')}</dt>
          <dd>{p.partners.join(', ')}</dd>
        </div>
      )}
      {p.laPosteServices.length > 0 && (
        <div>
          <dt>{t('projects.fields.laPosteServices')}</dt>
          <dd>{p.laPosteServices.map((s) => t(`projects.services.${s}`)).join(', ')}</dd>
        </div>
      )}
    </dl>
  );
}

/** Its figures: hours and m²·h from the occupancy of its bookings, and what its reports add up to. */
export function ProjectFigures({ project: p }: { project: Project }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const f = p.figures;
  const items = [
    ['bookings', f.bookings],
    ['bookedHours', f.bookedHours],
    ['usedSqmHours', f.usedSqmHours],
    ['peopleReached', f.peopleReached],
    ['volunteers', f.volunteers],
    ['actions', f.actions],
  ] as const;
  return (
    <dl className="occupancy-headline project-figures" aria-label={t('projects.figures.title')}>
      {items.map(([key, value]) => (
        <div key={key} className="card" data-testid={`project-${key}`}>
          <dt>{t(`projects.figures.${key}`)}</dt>
          <dd>{formatFigure(value, lang)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A case sheet as read: what, for whom, and what it needs. */
export function CaseSheetView({ sheet }: { sheet: CaseSheet }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const needs = [
    sheet.kind && t(`spaces.kind.${sheet.kind}`),
    sheet.minAreaM2 !== null && t('projects.caseSheet.area', { value: formatFigure(sheet.minAreaM2, lang) }),
    sheet.attendees !== null && t('projects.caseSheet.people', { count: sheet.attendees }),
    sheet.hoursPerWeek !== null &&
      t('projects.caseSheet.hours', { value: formatFigure(sheet.hoursPerWeek, lang) }),
  ].filter(Boolean);
  return (
    <dl className="facts facts--wide case-sheet">
      <div>
        <dt>{t('projects.caseSheet.what')}</dt>
        <dd>{sheet.what}</dd>
      </div>
      <div>
        <dt>{t('projects.caseSheet.forWhom')}</dt>
        <dd>{sheet.forWhom}</dd>
      </div>
      <div>
        <dt>{t('projects.caseSheet.needs')}</dt>
        <dd>{needs.length > 0 ? needs.join(' · ') : t('projects.caseSheet.noNeeds')}</dd>
      </div>
      {sheet.equipment.length > 0 && (
        <div>
          <dt>{t('projects.caseSheet.equipment')}</dt>
          <dd>{sheet.equipment.map((e) => t(`spaces.equipment.${e}`)).join(', ')}</dd>
        </div>
      )}
      {sheet.partners && (
        <div>
          <dt>{t('projects.caseSheet.partners')}</dt>
          <dd>{sheet.partners}</dd>
        </div>
      )}
    </dl>
  );
}

/** The project's light reports, newest first, each with its figures and its sentence. */
export function ReportsList({ reports }: { reports: ProjectReport[] }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  if (reports.length === 0) return <p className="muted">{t('projects.reports.empty')}</p>;
  return (
    <ul className="plain-list project-reports">
      {newestFirst(reports).map((r) => {
        const figures = (['peopleReached', 'volunteers', 'actions'] as const)
          .filter((k) => r[k] !== null)
          .map((k) => t(`projects.reports.${k}`, { count: r[k]! }));
        return (
          <li key={r.id} className="card">
            <p className="muted">
              {t(r.bookingId ? 'projects.reports.afterBooking' : 'projects.reports.general', {
                date: formatDate(r.createdAt, PARIS, lang),
              })}
              {/* Outside its organisation and région, a shared project names nobody. */}
              {r.authorName && ` · ${r.authorName}`}
            </p>
            {figures.length > 0 && <p>{figures.join(' · ')}</p>}
            {r.sentence && <blockquote>{r.sentence}</blockquote>}
          </li>
        );
      })}
    </ul>
  );
}

/** Where a project stands in its replication, as a tag. */
export function ReplicationTag({ project: p }: { project: Project }) {
  const { t } = useTranslation();
  if (p.replication.status === 'none') return null;
  return (
    <span className={p.replication.status === 'shared' ? 'tag' : 'tag tag--muted'}>
      {t(`projects.replication.status.${p.replication.status}`)}
    </span>
  );
}
