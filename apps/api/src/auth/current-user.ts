import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { RoleGrant } from '@lieux/contracts';

/** The signed-in caller, as read from a verified access token. */
export interface Caller {
  userId: string;
  organisationId: string | null;
  roles: RoleGrant[];
}

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): Caller => {
  return ctx.switchToHttp().getRequest<{ caller: Caller }>().caller;
});
