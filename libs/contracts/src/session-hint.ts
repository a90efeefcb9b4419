/**
 * A cookie scripts may read, set and cleared with the httpOnly refresh cookie: it says a session may be
 * there to refresh. Without it the web app does not ask (a visitor's page calls no refresh, logs no 401).
 * It holds nothing secret. In a module of its own, without schemas: the web app's shell reads it, and
 * importing it from the schemas' modules would bring zod into every page.
 */
export const SESSION_HINT_COOKIE = 'lp_session';
