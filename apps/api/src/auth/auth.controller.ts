import { Body, Controller } from '@nestjs/common';
import { ROUTES, type LoginRequest } from '@lieux/contracts';
import { Endpoint } from '../http/endpoint.decorator';
import { AuthService } from './auth.service';
import { CurrentUser, type Caller } from './current-user';

@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Endpoint(ROUTES.login)
  login(@Body() body: LoginRequest) {
    return this.auth.login(body);
  }

  // Access tokens are short-lived and stateless; the revocable refresh session arrives with identity.
  @Endpoint(ROUTES.logout)
  logout() {}

  @Endpoint(ROUTES.me)
  me(@CurrentUser() caller: Caller) {
    return this.auth.me(caller);
  }
}
