import { API_BASE_PATH, ERROR_CODES, type ErrorCode, type Problem } from '@lieux/contracts';

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

/** The access token lives in sessionStorage for now (a refresh cookie comes later). */
export const tokenStore = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/** Called when a signed-in call answers 401: the session is over, the app goes back to the login page. */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** `path` is relative to `/api/v1` (`/spaces/…`). Answers the parsed JSON, or undefined for 204. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const url = new URL(`${API_BASE_PATH}${path}`, window.location.origin);
  for (const [k, v] of Object.entries(options.query ?? {})) {
    if (v !== undefined) url.searchParams.set(k, String(v));
  }
  const token = tokenStore.get();
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;

  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (err) {
    if ((err as Error)?.name === 'AbortError') throw err;
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', message: 'Network error' });
  }

  if (!response.ok) {
    const error = await toApiError(response);
    if (error.status === 401 && token) {
      tokenStore.clear();
      unauthorizedListeners.forEach((l) => l());
    }
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'method' | 'body'>) => apiRequest<T>(path, options),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'POST', body }),
};
