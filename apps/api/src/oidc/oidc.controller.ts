import { Controller, Inject, Logger, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { API_BASE_PATH, ROUTES } from '@lieux/contracts';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Endpoint } from '../http/endpoint.decorator';
import { client, setRefreshCookie } from '../auth/auth.controller';
import { FLOW_MINUTES, OidcRefused, OidcService } from './oidc.service';

/** The signed state, nonce and PKCE verifier of a sign-in in progress. */
export const OIDC_FLOW_COOKIE = 'lp_oidc_flow';
const FLOW_PATH = `${API_BASE_PATH}/auth/oidc`;
/** The web app's login page: signed in, it sends each person on to their own work. */
const LOGIN_PAGE = '/connexion';

@Controller()
export class OidcController {
  private readonly log = new Logger(OidcController.name);

  constructor(
    private readonly oidc: OidcService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Endpoint(ROUTES.oidcStart)
  async start(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const { url, flow } = await this.oidc.start();
    // Lax, not strict: the cookie must come back with the provider's top-level redirect to the callback.
    reply.setCookie(OIDC_FLOW_COOKIE, flow, {
      httpOnly: true,
      sameSite: 'lax',
      secure: req.protocol === 'https',
      path: FLOW_PATH,
      maxAge: FLOW_MINUTES * 60,
    });
    return reply.header('cache-control', 'no-store').redirect(url, 302);
  }

  @Endpoint(ROUTES.oidcCallback)
  async callback(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    this.oidc.requireEnabled();
    const flow = req.cookies[OIDC_FLOW_COOKIE];
    // Used once, whatever happens next.
    reply.clearCookie(OIDC_FLOW_COOKIE, { path: FLOW_PATH });
    reply.header('cache-control', 'no-store');
    try {
      const signedIn = await this.oidc.callback(new URL(req.url, this.config.publicUrl), flow, client(req));
      setRefreshCookie(req, reply, signedIn);
      return reply.redirect(`${this.config.publicUrl}${LOGIN_PAGE}`, 302);
    } catch (err) {
      if (!(err instanceof OidcRefused)) throw err;
      this.log.warn(`OpenID Connect sign-in refused (${err.code}): ${err.detail}`);
      return reply.redirect(`${this.config.publicUrl}${LOGIN_PAGE}?oidc=${err.code}`, 302);
    }
  }
}
