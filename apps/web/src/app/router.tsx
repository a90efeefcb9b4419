import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';
import { Layout } from './layout';
import { RequireAuth, RequireRole } from './require-auth';
import { RouteError } from './routes/route-error';
import { PageLoading } from '../components/page-loading';
import {
  loadAllWords,
  loadIntegrationWords,
  loadAccessWords,
  loadNeedsWords,
  loadProjectWords,
  loadStaffWords,
} from '../lib/i18n';
import { paths } from './paths';

export { paths };

/** One lazy component per page name, so two paths of one page (a list and one of its entries) share it. */
const pages = new Map<string, ComponentType>();

/**
 * Every page loads with its route: the first load carries the shell (layout, session, the first words)
 * and the one page asked for, not every page's forms, schemas and calendars. A page renders once its
 * language's words are all in; the home page needs only the first ones (`words: 'first'`). Meanwhile the
 * shell is there and the page's place shows `PageLoading`: on a slow network a link answers at once,
 * and nothing moves when the page arrives.
 */
function page<K extends string, M extends Record<K, ComponentType>>(
  load: () => Promise<M>,
  name: K,
  {
    words = 'all',
  }: { words?: 'first' | 'all' | 'staff' | 'projects' | 'needs' | 'integrations' | 'access' } = {},
) {
  let Page = pages.get(name);
  if (!Page) {
    const Lazy = lazy(() =>
      Promise.all([
        load(),
        {
          first: undefined,
          all: loadAllWords,
          staff: loadStaffWords,
          projects: loadProjectWords,
          needs: loadNeedsWords,
          integrations: loadIntegrationWords,
          access: loadAccessWords,
        }[words]?.(),
      ]).then(([m]) => ({
        default: m[name] as ComponentType,
      })),
    );
    Page = function LoadingPage() {
      return (
        <Suspense fallback={<PageLoading />}>
          <Lazy />
        </Suspense>
      );
    };
    pages.set(name, Page);
  }
  return { Component: Page };
}

/** The staff's pages: their own words come with them. */
const STAFF = { words: 'staff' } as const;
/** An organisation's needs pages, likewise; all four in one chunk. */
const NEEDS = { words: 'needs' } as const;
const needsPages = () => import('./routes/needs');
/** The door page of a space and the check-in page its QR code opens, in one chunk. */
const checkInPages = () => import('./routes/check-in');

export function createRouter() {
  return createBrowserRouter([
    {
      element: <Layout />,
      errorElement: <RouteError />,
      children: [
        { path: paths.login, ...page(() => import('./routes/login'), 'LoginPage') },
        {
          path: paths.register,
          ...page(() => import('./routes/register'), 'RegisterPage', { words: 'access' }),
        },
        {
          path: paths.forgotPassword,
          ...page(() => import('./routes/forgot-password'), 'ForgotPasswordPage', { words: 'access' }),
        },
        {
          path: paths.newPassword,
          ...page(() => import('./routes/new-password'), 'NewPasswordPage', { words: 'access' }),
        },
        {
          path: paths.invitation,
          ...page(() => import('./routes/invitation'), 'InvitationPage', { words: 'access' }),
        },
        // Open to anyone: the front door, the search and the spaces with their free/busy calendars.
        { index: true, ...page(() => import('./routes/home'), 'HomePage', { words: 'first' }) },
        { path: paths.spaces, ...page(() => import('./routes/spaces'), 'SpacesPage') },
        { path: '/espaces/:spaceId', ...page(() => import('./routes/space'), 'SpacePage') },
        // Projects (issue 15): their own routes, each page answering what its reader may see.
        {
          path: '/projets/*',
          ...page(() => import('./routes/projects'), 'ProjectsRoutes', { words: 'projects' }),
        },
        // Projects (issue 15): the catalogue and a project's page answer each person what they may see.
        {
          element: <RequireAuth />,
          children: [
            { path: paths.myBookings, ...page(() => import('./routes/my-bookings'), 'MyBookingsPage') },
            {
              path: paths.registered,
              ...page(() => import('./routes/registered'), 'RegisteredPage', { words: 'access' }),
            },
            { path: paths.account, ...page(() => import('./routes/account'), 'AccountPage') },
            { path: paths.waitlist, ...page(() => import('./routes/waitlist'), 'WaitlistPage') },
            { path: '/liste-attente/:entryId', ...page(() => import('./routes/waitlist'), 'WaitlistPage') },
            // Opened by the QR code on a space's door; its words come with the staff's (the door page's).
            { path: '/arrivee/:spaceId', ...page(checkInPages, 'CheckInPage', STAFF) },
            {
              element: <RequireRole roles={['member', 'org_admin']} />,
              children: [
                { path: paths.needs, ...page(needsPages, 'MyNeedsPage', NEEDS) },
                { path: paths.newNeed, ...page(needsPages, 'NewNeedPage', NEEDS) },
                { path: '/besoins/:needId', ...page(needsPages, 'NeedPage', NEEDS) },
                { path: '/besoins/:needId/modifier', ...page(needsPages, 'EditNeedPage', NEEDS) },
              ],
            },
            {
              element: <RequireRole roles={['org_admin']} />,
              children: [
                { path: paths.members, ...page(() => import('./routes/members'), 'MembersPage') },
                {
                  path: paths.integrations,
                  ...page(() => import('./routes/integrations'), 'IntegrationsPage', {
                    words: 'integrations',
                  }),
                },
              ],
            },
            {
              element: <RequireRole roles={['delegate', 'admin']} />,
              children: [
                {
                  path: paths.verifications,
                  ...page(() => import('./routes/verifications'), 'VerificationsPage', STAFF),
                },
              ],
            },
            {
              element: <RequireRole roles={['site_manager', 'admin']} />,
              children: [
                { path: paths.today, ...page(() => import('./routes/today'), 'TodayPage', STAFF) },
                {
                  path: paths.manage,
                  ...page(() => import('./routes/manage-sites'), 'ManageSitesPage', STAFF),
                },
                {
                  path: '/gestion/sites/:siteId',
                  ...page(() => import('./routes/manage-site'), 'ManageSitePage', STAFF),
                },
                {
                  path: '/gestion/sites/:siteId/nouvel-espace',
                  ...page(() => import('./routes/manage-space'), 'NewSpacePage', STAFF),
                },
                {
                  path: '/gestion/espaces/:spaceId',
                  ...page(() => import('./routes/manage-space'), 'EditSpacePage', STAFF),
                },
                { path: '/gestion/espaces/:spaceId/porte', ...page(checkInPages, 'DoorPage', STAFF) },
                {
                  path: paths.manageRequests,
                  ...page(() => import('./routes/manage-requests'), 'ManageRequestsPage', STAFF),
                },
              ],
            },
            {
              element: <RequireRole roles={['delegate']} />,
              children: [
                { path: paths.region, ...page(() => import('./routes/my-region'), 'MyRegionPage', STAFF) },
              ],
            },
            {
              element: <RequireRole roles={['admin']} />,
              children: [
                {
                  path: paths.adminAccounts,
                  ...page(() => import('./routes/admin-accounts'), 'AdminAccountsPage', STAFF),
                },
                {
                  path: paths.adminAudit,
                  ...page(() => import('./routes/admin-audit'), 'AdminAuditPage', STAFF),
                },
                {
                  path: paths.adminQuotas,
                  ...page(() => import('./routes/admin-quotas'), 'AdminQuotasPage', STAFF),
                },
              ],
            },
            {
              element: <RequireRole roles={['delegate', 'admin']} />,
              children: [
                {
                  path: paths.reports,
                  ...page(() => import('./routes/reports'), 'ReportsPage', STAFF),
                },
                {
                  path: paths.unmetDemand,
                  ...page(() => import('./routes/unmet-demand'), 'UnmetDemandPage', STAFF),
                },
              ],
            },
          ],
        },
        { path: '*', ...page(() => import('./routes/not-found'), 'NotFoundPage') },
      ],
    },
  ]);
}
