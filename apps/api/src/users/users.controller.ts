import { Body, Controller, Param, Query } from '@nestjs/common';
import { ROUTES, type AccountQuery, type CreateUserRequest, type SetRolesRequest } from '@lieux/contracts';
import { CurrentUser, type Caller } from '../auth/current-user';
import { Endpoint } from '../http/endpoint.decorator';
import { UsersService } from './users.service';

@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Endpoint(ROUTES.createUser)
  create(@CurrentUser() caller: Caller, @Body() body: CreateUserRequest) {
    return this.users.create(caller, body);
  }

  @Endpoint(ROUTES.listUsers)
  list(@Query() q: AccountQuery) {
    return this.users.list(q);
  }

  @Endpoint(ROUTES.getUser)
  get(@Param('id') id: string) {
    return this.users.get(id);
  }

  @Endpoint(ROUTES.setUserRoles)
  setRoles(@CurrentUser() caller: Caller, @Param('id') id: string, @Body() body: SetRolesRequest) {
    return this.users.setRoles(caller, id, body);
  }

  @Endpoint(ROUTES.deactivateUser)
  deactivate(@CurrentUser() caller: Caller, @Param('id') id: string) {
    return this.users.deactivate(caller, id);
  }

  @Endpoint(ROUTES.reactivateUser)
  reactivate(@CurrentUser() caller: Caller, @Param('id') id: string) {
    return this.users.reactivate(caller, id);
  }

  @Endpoint(ROUTES.resendInvitation)
  resendInvitation(@CurrentUser() caller: Caller, @Param('id') id: string) {
    return this.users.resendInvitation(caller, id);
  }
}
