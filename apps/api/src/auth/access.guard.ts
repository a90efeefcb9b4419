import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { RouteContract } from '@lieux/contracts';
import { ROUTE_CONTRACT } from '../http/endpoint.decorator';
import { DomainException } from '../http/domain.exception';
import { AuthService } from './auth.service';
import type { Caller } from './current-user';

/**
 * Every route states who may call it in its contract; a handler without a contract is refused
 * outright, so forgetting the declaration cannot open a route.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const contract = this.reflector.get<RouteContract | undefined>(ROUTE_CONTRACT, context.getHandler());
    if (!contract) throw new DomainException('FORBIDDEN', 403, 'FORBIDDEN.undeclaredRoute');
    const req = context.switchToHttp().getRequest<FastifyRequest & { caller?: Caller }>();
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    const caller = token ? await this.auth.verify(token) : null;
    if (caller) req.caller = caller;
    if (contract.access === 'public') return true;
    if (!caller) {
      throw new DomainException(
        'UNAUTHENTICATED',
        401,
        token ? 'UNAUTHENTICATED.sessionExpired' : 'UNAUTHENTICATED',
      );
    }
    if (contract.access === 'authenticated') return true;
    if (caller.roles.some((g) => (contract.access as readonly string[]).includes(g.role))) return true;
    throw new DomainException('FORBIDDEN', 403, 'FORBIDDEN');
  }
}
