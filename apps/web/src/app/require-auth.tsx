import { Navigate, Outlet, useLocation } from 'react-router';
import { tokenStore } from '../lib/api-client';

/** Pages behind sign-in: without a session, go to the login page and come back after. */
export function RequireAuth() {
  const location = useLocation();
  if (!tokenStore.get()) {
    return <Navigate to="/connexion" replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  return <Outlet />;
}
