import {
  API_BASE_PATH,
  ERROR_CODES,
  type ErrorCode,
  type LoginResponse,
  type Problem,
  type RouteContract,
  SESSION_HINT_COOKIE,
} from '@lieux/contracts';
import type { z } from 'zod';
import { currentLanguage } from './i18n';

/** One field-level complaint of a 400 answer (`body.title`, `query.from`…). */
export interface FieldError {
  path: string;
  message: string;
}

/** Every failed call ends here: HTTP status, the API's stable `code`, and the field errors if any. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'NETWORK_ERROR' | 'UNKNOWN';
  readonly errors: FieldError[];
  readonly detail?: string;

  constructor(init: {
    status: number;
    code: ApiError['code'];
    message: string;
    errors?: FieldError[];
    detail?: string;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.errors = init.errors ?? [];
    this.detail = init.detail;
  }
}

const KNOWN_CODES = new Set<string>(ERROR_CODES);

/** The code the web keys its messages on; statuses stand in when the answer carries no known code. */
function codeFor(status: number, code: unknown): ApiError['code'] {
  if (typeof code === 'string' && KNOWN_CODES.has(code)) return code as ErrorCode;
  switch (status) {
    case 400:
      return 'VALIDATION_FAILED';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'SLOT_TAKEN';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 429:
      return 'TOO_MANY_REQUESTS';
    default:
      return 'UNKNOWN';
  }
}

/** Turns a failed response (problem+json or not) into an ApiError. */
export async function toApiError(response: Response): Promise<ApiError> {
  let problem: Partial<Problem> = {};
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      problem = (await response.json()) as Partial<Problem>;
    } catch {
      problem = {};
    }
  }
  const errors = Array.isArray(problem.errors)
    ? problem.errors.filter(
        (e): e is FieldError => typeof e?.path === 'string' && typeof e?.message === 'string',
      )
    : [];
  return new ApiError({
    status: response.status,
    code: codeFor(response.status, problem.code),
    message: problem.detail ?? problem.title ?? response.statusText ?? `HTTP ${response.status}`,
    detail: problem.detail,
    errors,
  });
}

const TOKEN_KEY = 'lieux.accessToken';

type TokenListener = () => void;
const tokenListeners = new Set<TokenListener>();
let memoryToken: string | null = null;
let signedOut = false;

function readStoredToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/**
 * The short-lived access token: in memory, mirrored in sessionStorage so a reload of the tab skips a
 * refresh. The long-lived session is the httpOnly refresh cookie, which scripts never see.
 */
export const tokenStore = {
  get: (): string | null => memoryToken ?? readStoredToken(),
  set: (token: string) => {
    memoryToken = token;
    signedOut = false;
    try {
      sessionStorage.setItem(TOKEN_KEY, token);
    } catch {
      // storage unavailable: memory only
    }
    tokenListeners.forEach((l) => l());
  },
  /** `signedOut`: the person ended the session on purpose (sign-out, account deleted), not an expiry. */
  clear: (reason?: 'signedOut') => {
    memoryToken = null;
    signedOut = reason === 'signedOut';
    try {
      sessionStorage.removeItem(TOKEN_KEY);
    } catch {
      // ignore
    }
    tokenListeners.forEach((l) => l());
  },
  /** Whether the last session ended on purpose: the login page then starts afresh. */
  endedOnPurpose: (): boolean => signedOut,
  /** For `useSyncExternalStore`: called whenever the token is set or cleared. */
  subscribe: (listener: TokenListener): (() => void) => {
    tokenListeners.add(listener);
    return () => tokenListeners.delete(listener);
  },
};

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/** Called when a signed-in call answers 401 and the session cannot be refreshed: back to the login page. */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

type RefreshedListener = (session: LoginResponse) => void;
const refreshedListeners = new Set<RefreshedListener>();

/** Called with the fresh session (and up-to-date user) after each successful refresh. */
export function onSessionRefreshed(listener: RefreshedListener): () => void {
  refreshedListeners.add(listener);
  return () => refreshedListeners.delete(listener);
}

const REFRESH_PATH = '/auth/refresh';
/** Calls whose 401 means "wrong credentials" or "no session", never "access token expired". */
const NO_REFRESH_PATHS = new Set(['/auth/login', REFRESH_PATH]);

let refreshing: Promise<LoginResponse | null> | null = null;

/**
 * Whether a session may be there to refresh: the API sets a readable hint beside its httpOnly refresh
 * cookie. Without it, asking would only earn a visitor a 401 in the console.
 */
function mayHoldSession(): boolean {
  return document.cookie.split(';').some((c) => c.trim().startsWith(`${SESSION_HINT_COOKIE}=1`));
}

function forgetSessionHint() {
  document.cookie = `${SESSION_HINT_COOKIE}=; Max-Age=0; Path=/; SameSite=Strict`;
}

async function postRefresh(): Promise<LoginResponse | null> {
  let response: Response;
  try {
    response = await fetch(new URL(`${API_BASE_PATH}${REFRESH_PATH}`, window.location.origin), {
      method: 'POST',
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
    });
  } catch {
    return null;
  }
  if (!response.ok) {
    // The API clears the hint with the session; a proxy's error page may not carry its cookie.
    if (response.status === 401) forgetSessionHint();
    return null;
  }
  const session = (await response.json()) as LoginResponse;
  tokenStore.set(session.accessToken);
  refreshedListeners.forEach((l) => l(session));
  return session;
}

/**
 * A new access token from the refresh cookie. Single-flight: every caller during a refresh shares it
 * (the cookie rotates on each use, so two refreshes in a row with the same cookie would end the
 * session). Across tabs, a Web Lock keeps one refresh at a time too. Answers null when there is no
 * session left, without asking when nothing says there is one.
 */
export function refreshSession(): Promise<LoginResponse | null> {
  if (!refreshing && !mayHoldSession()) return Promise.resolve(null);
  if (!refreshing) {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    const run: Promise<LoginResponse | null> = locks
      ? // The lock's promise settles with the callback's own result (DOM typings nest the promise).
        (locks.request('lieux.refresh', postRefresh) as unknown as Promise<LoginResponse | null>)
      : postRefresh();
    refreshing = run.finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

/** At start-up without an access token: a new tab or a reload keeps the person signed in. */
export async function restoreSession(): Promise<boolean> {
  if (tokenStore.get()) return true;
  return (await refreshSession()) !== null;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Arrays repeat the parameter (`equipment=wifi&equipment=screen`). */
  query?: Record<string, string | number | boolean | undefined | readonly string[]>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

async function send(url: URL, options: RequestOptions, token: string | null): Promise<Response> {
  // The API words its field messages in this language: the page's, not the browser's.
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLanguage(),
    ...options.headers,
  };
  // A FormData body (a photo) goes as multipart: the browser writes its Content-Type with the boundary.
  const form = options.body instanceof FormData ? options.body : undefined;
  if (options.body !== undefined && !form) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      body: form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
      credentials: 'same-origin',
    });
  } catch (err) {
    if ((err as Error)?.name === 'AbortError') throw err;
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', message: 'Network error' });
  }
}

/**
 * `path` is relative to `/api/v1` (`/spaces/…`). Answers the parsed JSON, or undefined for 204.
 * A 401 refreshes the session once and retries; when the session cannot be refreshed, it ends.
 */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await authorizedResponse(path, options);
  // 204, and 202 (accepted) without a body, answer nothing.
  const text = response.status === 204 ? '' : await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Bytes the API serves to the signed-in only (a draft's photos): fetched with the token, not an <img>. */
export async function apiBlob(path: string, options: RequestOptions = {}): Promise<Blob> {
  const response = await authorizedResponse(path, {
    ...options,
    headers: { Accept: '*/*', ...options.headers },
  });
  return response.blob();
}

async function authorizedResponse(path: string, options: RequestOptions): Promise<Response> {
  const url = new URL(`${API_BASE_PATH}${path}`, window.location.origin);
  for (const [k, v] of Object.entries(options.query ?? {})) {
    if (Array.isArray(v)) v.forEach((item: string) => url.searchParams.append(k, item));
    else if (v !== undefined) url.searchParams.set(k, String(v));
  }
  const token = tokenStore.get();
  let response = await send(url, options, token);

  if (response.status === 401 && !NO_REFRESH_PATHS.has(path)) {
    // Another call may have refreshed meanwhile: then its token is enough.
    const current = tokenStore.get();
    const fresh = current && current !== token ? current : (await refreshSession())?.accessToken;
    if (fresh) {
      response = await send(url, options, fresh);
    }
    if (response.status === 401) {
      const error = await toApiError(response);
      tokenStore.clear();
      unauthorizedListeners.forEach((l) => l());
      throw error;
    }
  }

  if (!response.ok) throw await toApiError(response);
  return response;
}

type Schema<R extends RouteContract, K extends 'params' | 'query' | 'body'> = R[K] extends z.ZodType
  ? R[K]
  : never;
/** Whether every field of `T` may be left out. */
type AllOptional<T> = Partial<T> extends T ? true : false;
/** A part the caller may leave out when every field of its schema is optional. */
type Part<K extends string, S> = [S] extends [never]
  ? { [P in K]?: never }
  : AllOptional<z.input<S>> extends true
    ? { [P in K]?: z.input<S> }
    : { [P in K]: z.input<S> };

/** What a call of route `R` sends: its path parameters, query and body as the contract reads them. */
export type CallInput<R extends RouteContract> = Part<'params', Schema<R, 'params'>> &
  Part<'query', Schema<R, 'query'>> &
  (R['multipart'] extends z.ZodType ? { body: FormData } : Part<'body', Schema<R, 'body'>>) & {
    headers?: Record<string, string>;
    signal?: AbortSignal;
  };

/** What a call of route `R` answers: its response schema's output, nothing for an empty answer. */
export type CallOutput<R extends RouteContract> = R['response'] extends z.ZodType
  ? z.output<R['response']>
  : void;

/** The route's path with each `{name}` filled from `params`. */
export function pathFor(route: RouteContract, params: Record<string, unknown> = {}): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name])));
}

/** A call of one route of the contract: the path, method, inputs and answer all come from it. */
export function call<R extends RouteContract>(
  route: R,
  ...[input]: AllOptional<CallInput<R>> extends true ? [CallInput<R>?] : [CallInput<R>]
): Promise<CallOutput<R>> {
  const { params, query, body, headers, signal } = (input ?? {}) as {
    params?: Record<string, unknown>;
    query?: RequestOptions['query'];
    body?: unknown;
    headers?: Record<string, string>;
    signal?: AbortSignal;
  };
  return apiRequest<CallOutput<R>>(pathFor(route, params), {
    method: route.method.toUpperCase() as RequestOptions['method'],
    query,
    body,
    headers,
    signal,
  });
}
