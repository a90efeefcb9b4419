import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiRequest, onUnauthorized, toApiError, tokenStore } from './api-client';

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

  it('serialises the query string', async () => {
    fetchMock.mockResolvedValue(new Response('{"items":[]}', { status: 200 }));
    await apiRequest('/bookings', { query: { mine: true, limit: 20, cursor: undefined } });
    expect(String(fetchMock.mock.calls[0][0])).toMatch(/\/api\/v1\/bookings\?mine=true&limit=20$/);
  });

  it('throws an ApiError and ends the session on a 401 while signed in', async () => {
    tokenStore.set('expired');
    const listener = vi.fn();
    const off = onUnauthorized(listener);
    fetchMock.mockResolvedValue(problem(401, { code: 'UNAUTHENTICATED' }));
    await expect(apiRequest('/me')).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
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
});
