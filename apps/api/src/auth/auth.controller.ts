import { Body, Controller, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  API_BASE_PATH,
  ROUTES,
  SESSION_HINT_COOKIE,
  type LoginRequest,
  type EndpointInput,
} from '@lieux/contracts';
import { Endpoint } from '../http/endpoint.decorator';
import { requestLanguage } from '../http/request-language';
import { AuthService, type ClientInfo, type SignedIn } from './auth.service';
import { CurrentUser, type Caller } from './current-user';
import { SESSION_DAYS } from './sessions.repository';

export const REFRESH_COOKIE = 'lp_refresh';

/** The language to explain a refused password in. */
export const languageOf = (req: FastifyRequest) => requestLanguage(req.headers['accept-language']);

export const client = (req: FastifyRequest): ClientInfo => ({
  ip: req.ip,
  userAgent: req.headers['user-agent'] ?? null,
});

@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Endpoint(ROUTES.login)
  async login(
    @Body() body: LoginRequest,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return setRefreshCookie(req, reply, await this.auth.login(body, client(req)));
  }

  @Endpoint(ROUTES.refresh)
  async refresh(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    try {
      return setRefreshCookie(req, reply, await this.auth.refresh(req.cookies[REFRESH_COOKIE]));
    } catch (err) {
      // No session left to refresh: the browser stops asking.
      clearRefreshCookie(reply);
      throw err;
    }
  }

  @Endpoint(ROUTES.logout)
  async logout(
    @CurrentUser() caller: Caller,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await this.auth.logout(caller, req.cookies[REFRESH_COOKIE]);
    clearRefreshCookie(reply);
  }

  @Endpoint(ROUTES.requestPasswordReset)
  requestPasswordReset(@Body() body: EndpointInput<typeof ROUTES.requestPasswordReset>['body']) {
    return this.auth.requestPasswordReset(body.email);
  }

  @Endpoint(ROUTES.confirmPasswordReset)
  confirmPasswordReset(
    @Body() body: EndpointInput<typeof ROUTES.confirmPasswordReset>['body'],
    @Req() req: FastifyRequest,
  ) {
    return this.auth.confirmPasswordReset(body.token, body.password, languageOf(req));
  }

  @Endpoint(ROUTES.acceptInvitation)
  async acceptInvitation(
    @Body() body: EndpointInput<typeof ROUTES.acceptInvitation>['body'],
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return setRefreshCookie(
      req,
      reply,
      await this.auth.acceptInvitation(
        body.token,
        body.displayName,
        body.password,
        client(req),
        languageOf(req),
      ),
    );
  }

  @Endpoint(ROUTES.me)
  me(@CurrentUser() caller: Caller) {
    return this.auth.me(caller);
  }

  @Endpoint(ROUTES.mySessions)
  sessions(@CurrentUser() caller: Caller) {
    return this.auth.listSessions(caller);
  }

  @Endpoint(ROUTES.revokeSession)
  revokeSession(@CurrentUser() caller: Caller, @Param('id') id: string) {
    return this.auth.revokeSession(caller, id);
  }

  @Endpoint(ROUTES.myData)
  myData(@CurrentUser() caller: Caller) {
    return this.auth.personalData(caller);
  }

  @Endpoint(ROUTES.deleteMe)
  async deleteMe(@CurrentUser() caller: Caller, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.auth.deleteAccount(caller);
    clearRefreshCookie(reply);
  }
}

/**
 * The refresh token travels only as an httpOnly cookie scoped to the auth routes. Beside it, a hint the
 * web app can read says a session may be there, so that a visitor's pages never call the refresh route.
 */
export function setRefreshCookie(req: FastifyRequest, reply: FastifyReply, signedIn: SignedIn) {
  const common = {
    sameSite: 'strict',
    secure: req.protocol === 'https',
    maxAge: SESSION_DAYS * 86_400,
  } as const;
  reply.setCookie(REFRESH_COOKIE, signedIn.refreshToken, {
    ...common,
    httpOnly: true,
    path: `${API_BASE_PATH}/auth`,
  });
  reply.setCookie(SESSION_HINT_COOKIE, '1', { ...common, path: '/' });
  return signedIn.response;
}

function clearRefreshCookie(reply: FastifyReply) {
  reply.clearCookie(REFRESH_COOKIE, { path: `${API_BASE_PATH}/auth` });
  reply.clearCookie(SESSION_HINT_COOKIE, { path: '/' });
}
