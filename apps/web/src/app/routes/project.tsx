import '../../styles/projects.css';
import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Booking, CaseSheetInput, Project } from '@lieux/contracts';
import { formatDate, formatTimeRange } from '@lieux/scheduling';
import { ListStatus } from '../../components/list-status';
import { projectOfBooking } from '../../api/projects';
import { useMe } from '../../features/auth/api/get-me';
import { useMyBookings } from '../../features/bookings/api/get-my-bookings';
import {
  useAcceptReplication,
  useDeclineReplication,
  useLinkProject,
  useProject,
  useReplicateProject,
} from '../../features/projects/api/projects';
import { CaseSheetForm } from '../../features/projects/components/case-sheet-form';
import { FittingSpaces } from '../../features/projects/components/fitting-spaces';
import { formatDay } from '../../features/projects/components/format';
import {
  CaseSheetView,
  ProjectFacts,
  ProjectFigures,
  ReplicationTag,
  ReportsList,
} from '../../features/projects/components/project-parts';
import {
  caseSheetFormValues,
  reportedBookings,
  toCaseSheetInput,
} from '../../features/projects/components/project-values';
import { ReportDialog } from '../../features/projects/components/report-dialog';
import { rightsOf, type ProjectRights } from '../../features/projects/components/rights';
import { useNotice } from '../../hooks/use-notice';
import { usePageTitle } from '../../hooks/use-page-title';
import { errorMessage } from '../../lib/error-message';
import { currentLanguage } from '../../lib/i18n';
import { CATALOGUE_PATH, PROJECTS_PATH, editProjectPath } from '../../features/projects/paths';

/** A booking that has taken place (or is under way): it may be reported on. */
const isPast = (b: Booking, now: number) =>
  Date.parse(b.end) <= now && (b.status === 'confirmed' || b.status === 'completed');

/**
 * A project's page: what it is, its figures and reports, and its case sheet "à essaimer". Its
 * organisation links bookings, reports and answers the case sheet; a delegate of its région (or an admin)
 * proposes the sheet; once shared, the staff see which spaces of a région would fit it.
 */
export function ProjectPage({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const project = useProject(projectId);
  const me = useMe();
  usePageTitle(project.data?.title ?? t('projects.page.title'));
  const { announce, slot } = useNotice();
  const p = project.data;
  const rights = p ? rightsOf(me.data, p) : null;
  const back = rights?.owner
    ? { to: PROJECTS_PATH, label: t('projects.mine.title') }
    : rights?.staff
      ? { to: PROJECTS_PATH, label: t('projects.region.title') }
      : { to: CATALOGUE_PATH, label: t('projects.catalogue.title') };

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to={back.to}>
          <span aria-hidden="true">← </span>
          {back.label}
        </Link>
      </p>
      <ListStatus query={project} isEmpty={false} empty={null} />
      {p && rights && (
        <>
          <div className="page-title">
            <h1>{p.title}</h1>
            {rights.owner && (
              <Link className="button button--secondary" to={editProjectPath(p.id)}>
                {t('projects.page.edit')}
              </Link>
            )}
          </div>
          <p>
            <ReplicationTag project={p} />
          </p>
          {slot}
          <ProjectFacts project={p} />
          {p.description && <p className="project-description">{p.description}</p>}
          <section className="project-section" aria-labelledby="project-figures">
            <h2 id="project-figures">{t('projects.figures.title')}</h2>
            <p className="muted">{t('projects.figures.intro')}</p>
            <ProjectFigures project={p} />
          </section>
          {rights.owner && (
            <LinkedBookings project={p} onNotice={(text) => announce({ kind: 'success', text })} />
          )}
          <Reports
            project={p}
            owner={rights.owner}
            onNotice={(text) => announce({ kind: 'success', text })}
          />
          <Replication project={p} rights={rights} onNotice={(text) => announce({ kind: 'success', text })} />
        </>
      )}
    </div>
  );
}

/** The organisation's bookings linked to the project, a report for each past one, and a way to link more. */
function LinkedBookings({ project: p, onNotice }: { project: Project; onNotice: (text: string) => void }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const bookings = useMyBookings();
  const [now] = useState(() => Date.now());
  const [reporting, setReporting] = useState<Booking | null>(null);
  const [toLink, setToLink] = useState('');
  const link = useLinkProject(() => {
    setToLink('');
    onNotice(t('projects.bookings.linked'));
  });
  const all = [...(bookings.data?.items ?? [])].sort((a, b) => a.start.localeCompare(b.start));
  const linked = all.filter((b) => projectOfBooking(b) === p.id);
  const linkable = all.filter(
    (b) =>
      projectOfBooking(b) === null &&
      (b.status === 'confirmed' || b.status === 'pending' || b.status === 'completed'),
  );
  const reported = reportedBookings(p.reports);
  const when = (b: Booking) =>
    `${formatDate(b.start, b.timeZone, lang)}, ${formatTimeRange(b.start, b.end, b.timeZone, lang)}`;

  return (
    <section className="project-section" aria-labelledby="project-bookings">
      <h2 id="project-bookings">{t('projects.bookings.title')}</h2>
      <ListStatus
        query={bookings}
        isEmpty={linked.length === 0}
        empty={<p>{t('projects.bookings.empty')}</p>}
      />
      {linked.length > 0 && (
        <ul className="plain-list project-reports">
          {linked.map((b) => (
            <li key={b.id} className="card" data-booking-id={b.id}>
              <p>
                <strong>{b.title}</strong> · {b.spaceName} ({b.siteName})
              </p>
              <p className="muted">
                {when(b)} · {t(`myBookings.status.${b.status}`)}
              </p>
              {isPast(b, now) &&
                (reported.has(b.id) ? (
                  <p className="muted">{t('projects.bookings.reported')}</p>
                ) : (
                  <p>
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => setReporting(b)}
                    >
                      {t('projects.bookings.report')}
                      <span className="visually-hidden"> — {b.title}</span>
                    </button>
                  </p>
                ))}
            </li>
          ))}
        </ul>
      )}
      {linkable.length > 0 && (
        <form
          noValidate
          className="projects-filters"
          onSubmit={(e) => {
            e.preventDefault();
            const b = linkable.find((x) => x.id === toLink);
            if (!b) return;
            link.mutate({
              projectId: p.id,
              body: b.seriesId ? { seriesId: b.seriesId } : { bookingId: b.id },
            });
          }}
        >
          <div className="field">
            <label htmlFor="link-booking">{t('projects.bookings.link')}</label>
            <select id="link-booking" value={toLink} onChange={(e) => setToLink(e.target.value)}>
              <option value="">{t('projects.bookings.choose')}</option>
              {linkable.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.title} — {when(b)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button--secondary" disabled={!toLink || link.isPending}>
            {t('projects.bookings.linkSubmit')}
          </button>
          {link.isError && (
            <p className="alert alert--error" role="alert">
              {errorMessage(link.error, t)}
            </p>
          )}
        </form>
      )}
      {reporting && (
        <ReportDialog
          projectId={p.id}
          projectTitle={p.title}
          bookingId={reporting.id}
          bookingTitle={`${reporting.title} (${formatDate(reporting.start, reporting.timeZone, lang)})`}
          onClose={() => setReporting(null)}
          onDone={() => {
            setReporting(null);
            onNotice(t('projects.report.done'));
          }}
        />
      )}
    </section>
  );
}

function Reports({
  project: p,
  owner,
  onNotice,
}: {
  project: Project;
  owner: boolean;
  onNotice: (text: string) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <section className="project-section" aria-labelledby="project-reports">
      <h2 id="project-reports">{t('projects.reports.title')}</h2>
      {owner && (
        <p>
          <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
            {t('projects.reports.add')}
          </button>
        </p>
      )}
      <ReportsList reports={p.reports ?? []} />
      {open && (
        <ReportDialog
          projectId={p.id}
          projectTitle={p.title}
          onClose={() => setOpen(false)}
          onDone={() => {
            setOpen(false);
            onNotice(t('projects.report.done'));
          }}
        />
      )}
    </section>
  );
}

/** The case sheet "à essaimer": proposed by the staff, answered by the organisation, then shared. */
function Replication({
  project: p,
  rights,
  onNotice,
}: {
  project: Project;
  rights: ProjectRights;
  onNotice: (text: string) => void;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [proposing, setProposing] = useState(false);
  const [isPublic, setPublic] = useState(false);
  const replicate = useReplicateProject(p.id, () => {
    setProposing(false);
    onNotice(t('projects.replication.proposedNotice'));
  });
  const accept = useAcceptReplication(p.id, () => onNotice(t('projects.replication.acceptedNotice')));
  const decline = useDeclineReplication(p.id, () => onNotice(t('projects.replication.declinedNotice')));
  const r = p.replication;
  const sheet = r.caseSheet;
  if (r.status === 'none' && !rights.canPropose) return null;

  const proposedBy =
    r.proposedAt &&
    t('projects.replication.proposedBy', {
      name: r.proposedByName ?? '',
      date: formatDay(r.proposedAt.slice(0, 10), lang),
    });

  return (
    <section className="project-section" aria-labelledby="project-replication">
      <h2 id="project-replication">{t('projects.replication.title')}</h2>
      {r.status === 'none' &&
        (proposing ? (
          <CaseSheetForm
            initial={caseSheetFormValues(null, p)}
            heading={t('projects.replication.proposeHeading')}
            submitLabel={t('projects.replication.proposeSubmit')}
            pending={replicate.isPending}
            error={replicate.error}
            onSubmit={(s) => replicate.mutate(s)}
            onCancel={() => setProposing(false)}
          />
        ) : (
          <>
            <p className="muted">{t('projects.replication.noneIntro')}</p>
            <button type="button" className="button button--primary" onClick={() => setProposing(true)}>
              {t('projects.replication.propose')}
            </button>
          </>
        ))}

      {r.status === 'proposed' && sheet && rights.owner && (
        <>
          <p>{proposedBy}</p>
          <p className="muted">{t('projects.replication.ownerIntro')}</p>
          {decline.isError && (
            <p className="alert alert--error" role="alert">
              {errorMessage(decline.error, t)}
            </p>
          )}
          <CaseSheetForm
            initial={caseSheetFormValues(sheet)}
            heading={t('projects.replication.ownerHeading')}
            submitLabel={t('projects.replication.accept')}
            pending={accept.isPending}
            error={accept.error}
            onSubmit={(s: CaseSheetInput) => {
              const amended =
                JSON.stringify(s) !== JSON.stringify(toCaseSheetInput(caseSheetFormValues(sheet)));
              accept.mutate({ public: isPublic, ...(amended ? { caseSheet: s } : {}) });
            }}
          >
            <label className="choice">
              <input type="checkbox" checked={isPublic} onChange={(e) => setPublic(e.target.checked)} />{' '}
              {t('projects.replication.public')}
            </label>
          </CaseSheetForm>
          <p>
            <button
              type="button"
              className="button button--secondary"
              disabled={decline.isPending}
              onClick={() => decline.mutate(undefined)}
            >
              {t('projects.replication.decline')}
            </button>
          </p>
        </>
      )}

      {r.status === 'proposed' && sheet && !rights.owner && (
        <>
          <p>{proposedBy}</p>
          <p className="alert alert--info">{t('projects.replication.waiting')}</p>
          <CaseSheetView sheet={sheet} />
        </>
      )}

      {r.status === 'shared' && sheet && (
        <>
          <p>
            {t(r.public ? 'projects.replication.sharedPublic' : 'projects.replication.shared', {
              date: r.decidedAt ? formatDay(r.decidedAt.slice(0, 10), lang) : '',
            })}
          </p>
          <CaseSheetView sheet={sheet} />
          {rights.staff && (
            <FittingSpaces
              projectId={p.id}
              ownRegion={rights.admin ? null : rights.delegateRegion}
              projectRegion={p.territory.regionCode}
            />
          )}
        </>
      )}

      {r.status === 'declined' && <p className="muted">{t('projects.replication.declined')}</p>}
    </section>
  );
}
