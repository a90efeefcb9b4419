import { Navigate, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Role } from '@lieux/contracts';
import { hasRole, useMe } from '../../features/auth/api/get-me';
import { useSignedIn } from '../../hooks/use-signed-in';
import { tokenStore } from '../../lib/api-client';
import { withReturn } from '../../lib/return-path';
import { paths } from '../paths';
import { EditProjectPage, MyProjectsPage, NewProjectPage } from './my-projects';
import { ProjectPage } from './project';
import { CataloguePage } from './projects-catalogue';
import { RegionProjectsPage } from './region-projects';

/** `/projets`: an organisation's own projects, a delegate's (or an admin's) région, the catalogue else. */
function ProjectsHome() {
  const me = useMe();
  if (hasRole(me.data, 'member', 'org_admin')) return <MyProjectsPage />;
  if (hasRole(me.data, 'delegate', 'admin')) return <RegionProjectsPage />;
  return <CataloguePage />;
}

/** What only the signed in may see (and, given `roles`, only some of them), like router.tsx's guards. */
function SignedIn({ roles, children }: { roles?: Role[]; children: React.ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();
  if (!useSignedIn()) {
    const back = tokenStore.endedOnPurpose() ? null : `${location.pathname}${location.search}`;
    return <Navigate to={withReturn(paths.login, back)} replace />;
  }
  if (!roles) return children;
  if (me.isPending) return <p role="status">{t('common.loading')}</p>;
  if (hasRole(me.data, ...roles)) return children;
  return (
    <div className="page page--narrow">
      <h1>{t('forbidden.title')}</h1>
      <p>{t('forbidden.message')}</p>
    </div>
  );
}

const ORGANISATION: Role[] = ['member', 'org_admin'];

/**
 * The projects' pages (issue 15), all under `/projets`: one route of the router (`/projets/*`), one chunk
 * with their words. The catalogue and a project's page answer anyone what they may see (the API says
 * 404 for the rest); the others are signed in.
 */
export function ProjectsRoutes() {
  const [first = '', second, third] = (useParams()['*'] ?? '').split('/').filter(Boolean);
  if (first === 'a-essaimer' && !second) return <CataloguePage />;
  if (first === 'nouveau' && !second)
    return (
      <SignedIn roles={ORGANISATION}>
        <NewProjectPage />
      </SignedIn>
    );
  if (first && second === 'modifier' && !third)
    return (
      <SignedIn roles={ORGANISATION}>
        <EditProjectPage key={first} projectId={first} />
      </SignedIn>
    );
  if (first && !second) return <ProjectPage key={first} projectId={first} />;
  if (!first)
    return (
      <SignedIn>
        <ProjectsHome />
      </SignedIn>
    );
  return <Navigate to={paths.projects} replace />;
}
