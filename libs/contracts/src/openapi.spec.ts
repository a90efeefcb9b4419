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

describe('OpenAPI document of photos', () => {
  const doc = buildOpenApiDocument('test');

  it('describes the upload as a multipart form with a binary file, and its refusals', () => {
    const post = doc.paths?.['/api/v1/spaces/{id}/photos']?.post;
    const body = post?.requestBody as { content: Record<string, { schema: unknown }> };
    expect(Object.keys(body.content)).toEqual(['multipart/form-data']);
    expect(JSON.stringify(body.content['multipart/form-data'].schema)).toContain('PhotoUpload');
    const upload = (doc.components?.schemas?.PhotoUpload ?? {}) as {
      properties: { file: { format: string } };
    };
    expect(upload.properties.file.format).toBe('binary');
    expect(Object.keys(post?.responses ?? {})).toEqual(
      expect.arrayContaining(['201', '413', '415', '422']),
    );
  });

  it('describes the image as WebP bytes', () => {
    const get = doc.paths?.['/api/v1/spaces/{id}/photos/{photoId}/{size}']?.get;
    const ok = get?.responses?.['200'] as { content: Record<string, { schema: { format: string } }> };
    expect(ok.content['image/webp'].schema.format).toBe('binary');
  });
});
