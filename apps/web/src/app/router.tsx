import { createBrowserRouter, Navigate } from 'react-router';
import { Layout } from './layout';
import { RequireAuth } from './require-auth';
import { RouteError } from './routes/route-error';
import { LoginPage } from './routes/login';
import { SpacesPage } from './routes/spaces';
import { MyBookingsPage } from './routes/my-bookings';
import { NotFoundPage } from './routes/not-found';

export const paths = {
  login: '/connexion',
  spaces: '/espaces',
  space: (id: string) => `/espaces/${id}`,
  myBookings: '/mes-reservations',
} as const;

export function createRouter() {
  return createBrowserRouter([
    {
      element: <Layout />,
      errorElement: <RouteError />,
      children: [
        { path: paths.login, element: <LoginPage /> },
        {
          element: <RequireAuth />,
          children: [
            { index: true, element: <Navigate to={paths.spaces} replace /> },
            { path: paths.spaces, element: <SpacesPage /> },
            {
              // The calendar (FullCalendar) is heavy: its page loads on demand.
              path: '/espaces/:spaceId',
              lazy: () => import('./routes/space').then((m) => ({ Component: m.SpacePage })),
            },
            { path: paths.myBookings, element: <MyBookingsPage /> },
          ],
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
