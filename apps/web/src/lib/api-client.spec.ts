import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  apiRequest,
  call,
  onSessionRefreshed,
  onUnauthorized,
  restoreSession,
  toApiError,
  tokenStore,
} from './api-client';
import { ROUTES } from '@lieux/contracts';
import { i18n } from './i18n';

const problem = (status: number, body: object) =>
  new Response(JSON.stringify({ type: 'about:blank', title: 'x', status, ...body }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

describe('toApiError', () => {
  it('keeps the code, status, detail and field errors of a problem+json answer', async () => {
    const error = await toApiError(
      problem(400, {
        code: 'VALIDATION_FAILED',
        detail: 'La requête contient des données invalides.',
        errors: [{ path: 'body.title', message: 'Le titre est obligatoire' }],
      }),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.detail).toBe('La requête contient des données invalides.');
    expect(error.errors).toEqual([{ path: 'body.title', message: 'Le titre est obligatoire' }]);
  });

  it('maps 409 SLOT_TAKEN and 422 domain refusals to their codes', async () => {
    expect((await toApiError(problem(409, { code: 'SLOT_TAKEN' }))).code).toBe('SLOT_TAKEN');
    expect((await toApiError(problem(422, { code: 'OUTSIDE_OPENING_HOURS' }))).code).toBe(
      'OUTSIDE_OPENING_HOURS',
    );
  });

  it('falls back on the status when the code is missing or unknown', async () => {
    expect((await toApiError(problem(404, {}))).code).toBe('NOT_FOUND');
    expect((await toApiError(problem(401, { code: 'SOMETHING_NEW' }))).code).toBe('UNAUTHENTICATED');
    expect((await toApiError(new Response('oops', { status: 502 }))).code).toBe('UNKNOWN');
  });

  it('survives a broken JSON body', async () => {
    const res = new Response('{not json', { status: 500, headers: { 'content-type': 'application/json' } });
    const error = await toApiError(res);
    expect(error.status).toBe(500);
    expect(error.errors).toEqual([]);
  });
});

describe('apiRequest', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockReset();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    tokenStore.clear();
  });

  it('sends the bearer token, JSON body and extra headers under /api/v1', async () => {
    tokenStore.set('tok');
    fetchMock.mockResolvedValue(new Response(JSON.stringify({ id: 1 }), { status: 201 }));
    const res = await apiRequest<{ id: number }>('/bookings', {
      method: 'POST',
      body: { a: 1 },
      headers: { 'Idempotency-Key': 'k' },
    });
    expect(res).toEqual({ id: 1 });
    const [url, init] = fetchMock.mock.calls[0];
    expect(String(url)).toMatch(/\/api\/v1\/bookings$/);
    const headers = init?.headers as Record<string, string>;
    expect(headers.Authorization).toBe('Bearer tok');
    expect(headers['Idempotency-Key']).toBe('k');
    expect(headers['Content-Type']).toBe('application/json');
    expect(init?.body).toBe('{"a":1}');
  });

  it('asks for answers in the language of the page', async () => {
    fetchMock.mockImplementation(async () => new Response('{}', { status: 200 }));
    const language = async () => {
      await apiRequest('/me');
      return (fetchMock.mock.calls.at(-1)?.[1]?.headers as Record<string, string>)['Accept-Language'];
    };
    await i18n.changeLanguage('fr');
    expect(await language()).toBe('fr');
    await i18n.changeLanguage('en');
    try {
      expect(await language()).toBe('en');
    } finally {
      await i18n.changeLanguage('fr');
    }
  });

  it('serialises the query string', async () => {
    fetchMock.mockResolvedValue(new Response('{"items":[]}', { status: 200 }));
    await apiRequest('/bookings', { query: { mine: true, limit: 20, cursor: undefined } });
    expect(String(fetchMock.mock.calls[0][0])).toMatch(/\/api\/v1\/bookings\?mine=true&limit=20$/);
  });

  it('calls a route of the contract: its method, its path with every parameter encoded, its query', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }));
    await call(ROUTES.removeClosure, { params: { id: 'a/b', closureId: 'c d' } });
    await call(ROUTES.siteHolidays, { params: { id: 's' }, query: { year: 2026 } });
    const [[first, firstInit], [second, secondInit]] = fetchMock.mock.calls;
    expect(new URL(String(first)).pathname).toBe('/api/v1/sites/a%2Fb/closures/c%20d');
    expect(firstInit?.method).toBe('DELETE');
    expect(String(second)).toMatch(/\/api\/v1\/sites\/s\/holidays\?year=2026$/);
    expect(secondInit?.method).toBe('GET');
  });

  it('sends the body and headers of a call as JSON', async () => {
    fetchMock.mockResolvedValue(new Response('{"id":"b"}', { status: 201 }));
    const booking = await call(ROUTES.cancelBooking, { params: { id: 'b' }, body: { reason: 'x' } });
    expect(booking).toEqual({ id: 'b' });
    const init = fetchMock.mock.calls[0][1];
    expect(init?.method).toBe('POST');
    expect(init?.body).toBe('{"reason":"x"}');
  });

  it('throws an ApiError and ends the session on a 401 when the session cannot be refreshed', async () => {
    tokenStore.set('expired');
    document.cookie = 'lp_session=1; Path=/';
    const listener = vi.fn();
    const off = onUnauthorized(listener);
    fetchMock.mockImplementation(async (input) =>
      String(input).endsWith('/auth/refresh')
        ? problem(401, { code: 'NO_SESSION' })
        : problem(401, { code: 'UNAUTHENTICATED' }),
    );
    await expect(apiRequest('/me')).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(fetchMock.mock.calls.map(([u]) => new URL(String(u)).pathname)).toEqual([
      '/api/v1/me',
      '/api/v1/auth/refresh',
    ]);
    expect(listener).toHaveBeenCalledOnce();
    expect(tokenStore.get()).toBeNull();
    off();
  });

  it('does not treat a failed login (401 without a session) as an expired session', async () => {
    const listener = vi.fn();
    const off = onUnauthorized(listener);
    fetchMock.mockResolvedValue(problem(401, { code: 'INVALID_CREDENTIALS' }));
    await expect(apiRequest('/auth/login', { method: 'POST', body: {} })).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    expect(listener).not.toHaveBeenCalled();
    // …and does not try to refresh either.
    expect(fetchMock).toHaveBeenCalledOnce();
    off();
  });

  it('reports a network failure as NETWORK_ERROR', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));
    await expect(apiRequest('/spaces')).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });

  it('answers undefined for 204', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }));
    await expect(apiRequest('/auth/logout', { method: 'POST' })).resolves.toBeUndefined();
  });

  it('answers undefined for a 202 without a body', async () => {
    fetchMock.mockResolvedValue(
      new Response('', { status: 202, headers: { 'content-type': 'application/json' } }),
    );
    await expect(apiRequest('/auth/password-reset', { method: 'POST', body: {} })).resolves.toBeUndefined();
  });
});

describe('session refresh', () => {
  const fetchMock = vi.fn<typeof fetch>();
  const json = (body: object, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const session = (token: string) => ({
    accessToken: token,
    expiresIn: 900,
    user: { id: 'u', email: 'a@b.fr', displayName: 'A', locale: 'fr', organisation: null, roles: [] },
  });
  const pathOf = (input: unknown) => new URL(String(input)).pathname;
  const bearerOf = (init?: RequestInit) => (init?.headers as Record<string, string>)?.Authorization;

  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockReset();
    // Set by the API beside its refresh cookie: a session may be there.
    document.cookie = 'lp_session=1; Path=/';
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    tokenStore.clear();
  });

  it('refreshes once for concurrent 401s and retries each call with the new token', async () => {
    tokenStore.set('old');
    let releaseRefresh!: () => void;
    const refreshGate = new Promise<void>((r) => (releaseRefresh = r));
    fetchMock.mockImplementation(async (input, init) => {
      const path = pathOf(input);
      if (path === '/api/v1/auth/refresh') {
        expect(init?.credentials).toBe('same-origin');
        await refreshGate;
        return json(session('new'));
      }
      if (bearerOf(init) === 'Bearer new') return json({ path });
      return problem(401, { code: 'UNAUTHENTICATED' });
    });
    const refreshed = vi.fn();
    const off = onSessionRefreshed(refreshed);

    const calls = Promise.all([apiRequest('/me'), apiRequest('/bookings'), apiRequest('/spaces')]);
    // Let the three first attempts fail before the refresh answers.
    await vi.waitFor(() =>
      expect(fetchMock.mock.calls.filter(([u]) => pathOf(u) === '/api/v1/auth/refresh')).toHaveLength(1),
    );
    releaseRefresh();

    await expect(calls).resolves.toEqual([
      { path: '/api/v1/me' },
      { path: '/api/v1/bookings' },
      { path: '/api/v1/spaces' },
    ]);
    const refreshCalls = fetchMock.mock.calls.filter(([u]) => pathOf(u) === '/api/v1/auth/refresh');
    expect(refreshCalls).toHaveLength(1);
    expect(refreshed).toHaveBeenCalledOnce();
    expect(tokenStore.get()).toBe('new');
    expect(fetchMock).toHaveBeenCalledTimes(7);
    off();
  });

  it('uses a token refreshed meanwhile by another call instead of refreshing again', async () => {
    tokenStore.set('old');
    fetchMock.mockImplementation(async (input, init) => {
      if (pathOf(input) === '/api/v1/auth/refresh') return json(session('second'));
      if (bearerOf(init) === 'Bearer old') {
        // While this call was in flight, another one refreshed the session.
        tokenStore.set('fresh');
        return problem(401, { code: 'UNAUTHENTICATED' });
      }
      return json({ ok: bearerOf(init) });
    });
    await expect(apiRequest('/me')).resolves.toEqual({ ok: 'Bearer fresh' });
    expect(fetchMock.mock.calls.some(([u]) => pathOf(u) === '/api/v1/auth/refresh')).toBe(false);
  });

  it('refreshes only once per call: a second 401 after the retry ends the session', async () => {
    tokenStore.set('old');
    const listener = vi.fn();
    const off = onUnauthorized(listener);
    fetchMock.mockImplementation(async (input) =>
      pathOf(input) === '/api/v1/auth/refresh'
        ? json(session('new'))
        : problem(401, { code: 'UNAUTHENTICATED' }),
    );
    await expect(apiRequest('/me')).rejects.toMatchObject({ status: 401 });
    expect(fetchMock).toHaveBeenCalledTimes(3);
    expect(listener).toHaveBeenCalledOnce();
    expect(tokenStore.get()).toBeNull();
    off();
  });

  it('restores the session from the refresh cookie at start-up, or answers false without one', async () => {
    fetchMock.mockResolvedValueOnce(json(session('restored')));
    await expect(restoreSession()).resolves.toBe(true);
    expect(tokenStore.get()).toBe('restored');

    tokenStore.clear();
    fetchMock.mockResolvedValueOnce(problem(401, { code: 'NO_SESSION' }));
    await expect(restoreSession()).resolves.toBe(false);
    expect(tokenStore.get()).toBeNull();
    // The refused refresh took the hint away: the next start-up does not ask again.
    expect(document.cookie).not.toContain('lp_session=1');
    await expect(restoreSession()).resolves.toBe(false);
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('never asks for a refresh when no session hint says there may be one (a visitor)', async () => {
    document.cookie = 'lp_session=; Max-Age=0; Path=/';
    await expect(restoreSession()).resolves.toBe(false);
    tokenStore.set('expired');
    fetchMock.mockResolvedValue(problem(401, { code: 'UNAUTHENTICATED' }));
    await expect(apiRequest('/me')).rejects.toMatchObject({ status: 401 });
    expect(fetchMock.mock.calls.map(([u]) => pathOf(u))).toEqual(['/api/v1/me']);
  });

  it('shares one start-up refresh between concurrent callers (React strict mode runs effects twice)', async () => {
    fetchMock.mockResolvedValue(json(session('once')));
    await expect(Promise.all([restoreSession(), restoreSession()])).resolves.toEqual([true, true]);
    expect(fetchMock).toHaveBeenCalledOnce();
  });
});
