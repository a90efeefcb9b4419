import { createBrowserRouter } from 'react-router';
import { Layout } from './layout';
import { RequireAuth, RequireRole } from './require-auth';
import { RouteError } from './routes/route-error';
import { LoginPage } from './routes/login';
import { RegisterPage } from './routes/register';
import { RegisteredPage } from './routes/registered';
import { ForgotPasswordPage } from './routes/forgot-password';
import { NewPasswordPage } from './routes/new-password';
import { InvitationPage } from './routes/invitation';
import { SpacesPage } from './routes/spaces';
import { MyBookingsPage } from './routes/my-bookings';
import { MembersPage } from './routes/members';
import { VerificationsPage } from './routes/verifications';
import { AccountPage } from './routes/account';
import { NotFoundPage } from './routes/not-found';
import { ManageSitesPage } from './routes/manage-sites';
import { ManageSitePage } from './routes/manage-site';
import { EditSpacePage, NewSpacePage } from './routes/manage-space';
import { ManageRequestsPage } from './routes/manage-requests';
import { WaitlistPage } from './routes/waitlist';
import { paths } from './paths';

export { paths };

export function createRouter() {
  return createBrowserRouter([
    {
      element: <Layout />,
      errorElement: <RouteError />,
      children: [
        { path: paths.login, element: <LoginPage /> },
        { path: paths.register, element: <RegisterPage /> },
        { path: paths.forgotPassword, element: <ForgotPasswordPage /> },
        { path: paths.newPassword, element: <NewPasswordPage /> },
        { path: paths.invitation, element: <InvitationPage /> },
        // Open to anyone: the front door, the search and the spaces with their free/busy calendars.
        {
          index: true,
          lazy: () => import('./routes/home').then((m) => ({ Component: m.HomePage })),
        },
        { path: paths.spaces, element: <SpacesPage /> },
        {
          // The calendar (FullCalendar) is heavy: its page loads on demand.
          path: '/espaces/:spaceId',
          lazy: () => import('./routes/space').then((m) => ({ Component: m.SpacePage })),
        },
        {
          element: <RequireAuth />,
          children: [
            { path: paths.myBookings, element: <MyBookingsPage /> },
            { path: paths.registered, element: <RegisteredPage /> },
            { path: paths.account, element: <AccountPage /> },
            { path: paths.waitlist, element: <WaitlistPage /> },
            { path: '/liste-attente/:entryId', element: <WaitlistPage /> },
            {
              element: <RequireRole roles={['org_admin']} />,
              children: [{ path: paths.members, element: <MembersPage /> }],
            },
            {
              element: <RequireRole roles={['delegate', 'admin']} />,
              children: [{ path: paths.verifications, element: <VerificationsPage /> }],
            },
            {
              element: <RequireRole roles={['site_manager', 'admin']} />,
              children: [
                { path: paths.manage, element: <ManageSitesPage /> },
                { path: '/gestion/sites/:siteId', element: <ManageSitePage /> },
                { path: '/gestion/sites/:siteId/nouvel-espace', element: <NewSpacePage /> },
                { path: '/gestion/espaces/:spaceId', element: <EditSpacePage /> },
                { path: paths.manageRequests, element: <ManageRequestsPage /> },
              ],
            },
            {
              element: <RequireRole roles={['admin']} />,
              children: [
                {
                  path: paths.adminAccounts,
                  lazy: () =>
                    import('./routes/admin-accounts').then((m) => ({ Component: m.AdminAccountsPage })),
                },
                {
                  path: paths.adminAudit,
                  lazy: () => import('./routes/admin-audit').then((m) => ({ Component: m.AdminAuditPage })),
                },
              ],
            },
            {
              element: <RequireRole roles={['delegate', 'admin']} />,
              children: [
                {
                  // Charts and the map are heavy: the reports page loads on demand.
                  path: paths.reports,
                  lazy: () => import('./routes/reports').then((m) => ({ Component: m.ReportsPage })),
                },
              ],
            },
          ],
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
