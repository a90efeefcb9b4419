import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { RoleGrant } from '@lieux/contracts';

/** The signed-in caller, as read from a verified access token. */
export interface Caller {
  userId: string;
  sessionId: string;
  organisationId: string | null;
  roles: RoleGrant[];
}

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => {
  return ctx.switchToHttp().getRequest<{ caller: Caller }>().caller;
});

/** The caller's grants of one role. */
export function grantsOf(caller: Caller | undefined, role: RoleGrant['role']): RoleGrant[] {
  return caller?.roles.filter((g) => g.role === role) ?? [];
}

export const isAdmin = (caller: Caller | undefined) => grantsOf(caller, 'admin').length > 0;
