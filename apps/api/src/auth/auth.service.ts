import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as argon2 from 'argon2';
import type { LoginRequest, LoginResponse, User } from '@lieux/contracts';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DomainException } from '../http/domain.exception';
import type { Caller } from './current-user';
import { UsersRepository } from './users.repository';

interface AccessClaims {
  sub: string;
  org: string | null;
  roles: Caller['roles'];
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  // Checked when the address is unknown, so that a wrong address costs as long as a wrong password.
  private readonly dummyHash = hashPassword(randomUUID());

  async login(input: LoginRequest): Promise<LoginResponse> {
    const creds = await this.users.findCredentials(input.email);
    const ok = await argon2
      .verify(creds?.passwordHash ?? (await this.dummyHash), input.password)
      .catch(() => false);
    if (!creds || !ok) {
      throw new DomainException('INVALID_CREDENTIALS', 401, 'Adresse e-mail ou mot de passe incorrect.');
    }
    const user = (await this.users.findProfile(creds.id))!;
    const claims: AccessClaims = { sub: user.id, org: user.organisation?.id ?? null, roles: user.roles };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.config.accessTokenTtlSeconds });
    return { accessToken, expiresIn: this.config.accessTokenTtlSeconds, user };
  }

  async verify(token: string): Promise<Caller | null> {
    try {
      const c = await this.jwt.verifyAsync<AccessClaims>(token);
      return { userId: c.sub, organisationId: c.org, roles: c.roles };
    } catch {
      return null;
    }
  }

  async me(caller: Caller): Promise<User> {
    const user = await this.users.findProfile(caller.userId);
    if (!user) throw new DomainException('UNAUTHENTICATED', 401, 'Ce compte n’existe plus.');
    return user;
  }
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}
