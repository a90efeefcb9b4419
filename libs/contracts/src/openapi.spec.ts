import { buildOpenApiDocument } from './openapi';
import { ROUTES, fullPath } from './routes';

describe('OpenAPI document', () => {
  const doc = buildOpenApiDocument('test');

  it('describes every route of the contract', () => {
    for (const r of Object.values(ROUTES)) {
      const path = fullPath(r);
      expect(doc.paths?.[path]?.[r.method]).toBeDefined();
    }
  });

  it('documents the query parameters of availability', () => {
    const params = doc.paths?.['/api/v1/spaces/{id}/availability']?.get?.parameters as { name: string }[];
    expect(params.map((p) => p.name).sort()).toEqual(['from', 'id', 'to']);
  });

  it('marks protected routes with bearer security', () => {
    expect(doc.paths?.['/api/v1/bookings']?.post?.security).toEqual([{ bearer: [] }]);
    expect(doc.paths?.['/api/v1/spaces']?.get?.security).toEqual([]);
  });
});
