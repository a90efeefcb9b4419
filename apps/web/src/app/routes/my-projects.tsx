import '../../styles/projects.css';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CreateProjectRequest, UpdateProjectRequest } from '@lieux/contracts';
import { ListStatus } from '../../components/list-status';
import {
  useCreateProject,
  useProject,
  useProjects,
  useUpdateProject,
} from '../../features/projects/api/projects';
import { formatFigure, territoryOf } from '../../features/projects/components/format';
import { ProjectForm } from '../../features/projects/components/project-form';
import { ReplicationTag } from '../../features/projects/components/project-parts';
import { usePageTitle } from '../../hooks/use-page-title';
import { currentLanguage } from '../../lib/i18n';
import { NEW_PROJECT_PATH, PROJECTS_PATH, projectPath } from '../../features/projects/paths';

/** "Mes projets": what the organisation runs in the spaces, with their figures and a case sheet waiting. */
export function MyProjectsPage() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  usePageTitle(t('projects.mine.title'));
  const projects = useProjects({});
  const items = projects.data?.items ?? [];
  return (
    <div className="page">
      <div className="page-title">
        <h1>{t('projects.mine.title')}</h1>
        <Link className="button button--primary" to={NEW_PROJECT_PATH}>
          {t('projects.mine.new')}
        </Link>
      </div>
      <p className="lead">{t('projects.mine.intro')}</p>
      <ListStatus query={projects} isEmpty={items.length === 0} empty={<p>{t('projects.mine.empty')}</p>} />
      {items.length > 0 && (
        <ul className="project-list">
          {items.map((p) => (
            <li key={p.id} className="card project-card">
              <h2>
                <Link to={projectPath(p.id)}>{p.title}</Link>
              </h2>
              <p className="muted">
                {t(`essThemes.${p.theme}`)} · {territoryOf(p)}
              </p>
              <p>
                {t('projects.mine.figures', {
                  count: p.figures.bookings,
                  hours: formatFigure(p.figures.bookedHours, lang),
                  people: formatFigure(p.figures.peopleReached, lang),
                })}
              </p>
              <p>
                <ReplicationTag project={p} />
                {p.replication.status === 'proposed' && (
                  <span className="block">{t('projects.mine.sheetWaiting')}</span>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A new project: once described, its page. */
export function NewProjectPage() {
  const { t } = useTranslation();
  usePageTitle(t('projects.new.title'));
  const navigate = useNavigate();
  const create = useCreateProject((p) => navigate(projectPath(p.id)));
  return (
    <div className="page page--form">
      <p className="breadcrumb">
        <Link to={PROJECTS_PATH}>
          <span aria-hidden="true">← </span>
          {t('projects.mine.title')}
        </Link>
      </p>
      <h1>{t('projects.new.title')}</h1>
      <p className="lead">{t('projects.new.intro')}</p>
      <ProjectForm
        pending={create.isPending}
        error={create.error}
        onSubmit={(r) => create.mutate(r as CreateProjectRequest)}
      />
    </div>
  );
}

/** A project changed by its organisation. */
export function EditProjectPage({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const project = useProject(projectId);
  usePageTitle(t('projects.edit.title'));
  const navigate = useNavigate();
  const update = useUpdateProject(projectId, (p) => navigate(projectPath(p.id)));
  return (
    <div className="page page--form">
      <p className="breadcrumb">
        <Link to={projectPath(projectId)}>
          <span aria-hidden="true">← </span>
          {project.data?.title ?? t('projects.mine.title')}
        </Link>
      </p>
      <h1>{t('projects.edit.title')}</h1>
      <ListStatus query={project} isEmpty={false} empty={null} />
      {project.data && (
        <ProjectForm
          project={project.data}
          pending={update.isPending}
          error={update.error}
          onSubmit={(r) => update.mutate(r as UpdateProjectRequest)}
        />
      )}
    </div>
  );
}
