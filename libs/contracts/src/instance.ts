import { z } from './common';

/** What the web app needs to know of the deployment it runs on. */
export const Instance = z
  .object({
    demoData: z
      .boolean()
      .describe('Whether the demo data are loaded (the login page then shows their accounts)'),
    mapStyleUrl: z
      .string()
      .nullable()
      .describe(
        'A raster or vector tile style drawn under the map; null draws the bundled French boundaries only',
      ),
    oidc: z
      .boolean()
      .describe('Whether staff may sign in with the group’s OpenID Connect provider (GET /auth/oidc/start)'),
  })
  .openapi('Instance');
export type Instance = z.infer<typeof Instance>;
