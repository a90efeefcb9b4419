/**
 * Where the login and sign-up pages send a person back to (`/connexion?retour=/espaces/…`): only a path of
 * this site, so a crafted link cannot make the sign-in page forward someone to another site.
 */
export const RETURN_PARAM = 'retour';

/** The path, query and hash of `raw` when it is a relative path of this origin; null otherwise. */
export function safeReturnPath(
  raw: string | null | undefined,
  origin = window.location.origin,
): string | null {
  if (!raw || raw.length > 2000) return null;
  // `//host` and `/\host` are other origins for a browser; the origin check below also catches what a
  // URL parser silently drops (`/<tab>/host` becomes `//host`).
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return null;
  let url: URL;
  try {
    url = new URL(raw, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** `path?retour=<returnTo>`: a page that sends back to `returnTo` afterwards (left out when unsafe). */
export function withReturn(path: string, returnTo: string | null | undefined): string {
  const safe = safeReturnPath(returnTo);
  return safe ? `${path}?${new URLSearchParams({ [RETURN_PARAM]: safe }).toString()}` : path;
}

/** The return target a page's query carries, if it is safe. */
export function returnPathOf(search: URLSearchParams): string | null {
  return safeReturnPath(search.get(RETURN_PARAM));
}
