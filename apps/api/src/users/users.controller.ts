import { Body, Controller } from '@nestjs/common';
import { ROUTES, type CreateUserRequest } from '@lieux/contracts';
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
}
