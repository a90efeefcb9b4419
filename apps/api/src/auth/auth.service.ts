import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';
import type { LoginRequest, LoginResponse, User } from '@lieux/contracts';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { sqlState } from '../database/database.module';
import { DomainException } from '../http/domain.exception';
import { OutboxService } from '../notifications/outbox.service';
import type { Caller } from './current-user';
import { LinksRepository } from './links.repository';
import { SessionsRepository } from './sessions.repository';
import { SignInThrottle } from './sign-in-throttle';
import { hashToken, newToken, pseudonymise } from './tokens';
import { UsersRepository } from './users.repository';

interface AccessClaims {
  sub: string;
  sid: string;
  org: string | null;
  roles: Caller['roles'];
}

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

/** A signed-in answer and the refresh token to set as a cookie. */
export interface SignedIn {
  response: LoginResponse;
  refreshToken: string;
}

const RESET_LINK_HOURS = 1;
export const INVITATION_HOURS = 7 * 24;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

@Injectable()
export class AuthService {
  // Checked when the address is unknown, so that a wrong address costs as long as a wrong password.
  private readonly dummyHash = hashPassword(randomUUID());

  constructor(
    private readonly db: DataSource,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly links: LinksRepository,
    private readonly throttle: SignInThrottle,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(input: LoginRequest, client: ClientInfo): Promise<SignedIn> {
    const email = input.email.toLowerCase();
    const address = pseudonymise(client.ip, this.config.jwtSecret);
    const accountKey = `account:${email}`;
    const addressKey = `address:${address}`;
    const wait = await this.throttle.retryAfter(accountKey, addressKey);
    if (wait > 0) {
      throw new DomainException(
        'TOO_MANY_REQUESTS',
        429,
        `Trop de tentatives de connexion. Réessayez dans ${Math.ceil(wait / 60)} minute${wait > 60 ? 's' : ''}, ou choisissez un nouveau mot de passe.`,
      ).withHeaders({ 'retry-after': String(wait) });
    }
    const creds = await this.users.findCredentials(email);
    const ok = await argon2
      .verify(creds?.passwordHash ?? (await this.dummyHash), input.password)
      .catch(() => false);
    if (!creds || !ok) {
      await this.throttle.fail(accountKey, addressKey);
      await this.audit.record(this.db.manager, {
        actorId: creds?.id ?? null,
        entity: 'user',
        entityId: creds?.id ?? '00000000-0000-0000-0000-000000000000',
        action: 'sign_in_failed',
        changes: { address },
      });
      throw new DomainException('INVALID_CREDENTIALS', 401, 'Adresse e-mail ou mot de passe incorrect.');
    }
    await this.throttle.clear(accountKey);
    const signedIn = await this.openSession(creds.id, client.userAgent);
    await this.audit.record(this.db.manager, {
      actorId: creds.id,
      entity: 'user',
      entityId: creds.id,
      action: 'signed_in',
      changes: { address },
    });
    return signedIn;
  }

  async refresh(refreshToken: string | undefined): Promise<SignedIn> {
    const next = newToken();
    const session = refreshToken ? await this.sessions.rotate(hashToken(refreshToken), next.hash) : null;
    if (!session) throw new DomainException('NO_SESSION', 401, 'Votre session a pris fin. Reconnectez-vous.');
    return { response: await this.accessFor(session.userId, session.id), refreshToken: next.token };
  }

  /** Ends the caller's session, whether they hold it by its access token or its refresh cookie. */
  async logout(caller: Caller, refreshToken: string | undefined): Promise<void> {
    await this.sessions.revoke(caller.userId, caller.sessionId);
    if (refreshToken) await this.sessions.revokeByHash(hashToken(refreshToken));
  }

  async verify(token: string): Promise<Caller | null> {
    let c: AccessClaims;
    try {
      c = await this.jwt.verifyAsync<AccessClaims>(token);
    } catch {
      return null;
    }
    // A signed token is not enough: its session must still be open (sign-out, revocation, deleted account).
    if (!(await this.sessions.isActive(c.sid))) return null;
    return { userId: c.sub, sessionId: c.sid, organisationId: c.org, roles: c.roles };
  }

  async me(caller: Caller): Promise<User> {
    const user = await this.users.findProfile(caller.userId);
    if (!user) throw new DomainException('UNAUTHENTICATED', 401, 'Ce compte n’existe plus.');
    return user;
  }

  /** Always answers the same, whether or not the address has an account. */
  async requestPasswordReset(email: string): Promise<void> {
    const userId = await this.users.findIdByEmail(email);
    if (!userId) return;
    const { token, hash } = newToken();
    await this.db.transaction(async (em) => {
      const link = await this.links.create(em, {
        kind: 'password_reset',
        tokenHash: hash,
        email: email.toLowerCase(),
        userId,
        validHours: RESET_LINK_HOURS,
      });
      await this.outbox.append(em, 'password_reset.requested', { linkId: link.id, token });
    });
    this.outbox.kick();
  }

  async confirmPasswordReset(token: string, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    const userId = await this.db.transaction(async (em) => {
      const link = await this.useLink(em, 'password_reset', token);
      await this.users.setPassword(em, link.userId!, passwordHash);
      await this.audit.record(em, {
        actorId: link.userId,
        entity: 'user',
        entityId: link.userId!,
        action: 'password_reset',
        changes: {},
      });
      return link.userId!;
    });
    await this.sessions.revokeAll(userId);
  }

  async acceptInvitation(
    token: string,
    displayName: string,
    password: string,
    client: ClientInfo,
  ): Promise<SignedIn> {
    const passwordHash = await hashPassword(password);
    const userId = await this.db.transaction(async (em) => {
      const link = await this.useLink(em, 'invitation', token);
      if (link.userId) {
        // A staff account created by an admin: the person chooses their password.
        await this.users.setPassword(em, link.userId, passwordHash);
        return link.userId;
      }
      try {
        const id = await this.users.create(em, {
          email: link.email,
          passwordHash,
          displayName,
          organisationId: link.organisationId,
        });
        await this.users.grant(em, id, link.role!, { organisationId: link.organisationId });
        await this.audit.record(em, {
          actorId: id,
          entity: 'organisation',
          entityId: link.organisationId!,
          action: 'member_joined',
          changes: { userId: id, role: link.role },
        });
        return id;
      } catch (err) {
        if (sqlState(err) === '23505') {
          throw new DomainException(
            'EMAIL_TAKEN',
            409,
            'Un compte existe déjà avec cette adresse. Connectez-vous avec lui.',
          );
        }
        throw err;
      }
    });
    return this.startSession(userId, client);
  }

  listSessions(caller: Caller) {
    return this.sessions
      .list(caller.userId)
      .then((items) => ({ items: items.map((s) => ({ ...s, current: s.id === caller.sessionId })) }));
  }

  async revokeSession(caller: Caller, sessionId: string): Promise<void> {
    if (!(await this.sessions.revoke(caller.userId, sessionId))) {
      throw new DomainException('NOT_FOUND', 404, 'Session introuvable.');
    }
  }

  async personalData(caller: Caller) {
    const [user, bookings, sessions] = await Promise.all([
      this.me(caller),
      this.users.bookingsOf(caller.userId),
      this.listSessions(caller),
    ]);
    return { user, bookings, sessions: sessions.items };
  }

  /** The person goes; their bookings stay for the statistics, no longer linked to them. */
  async deleteAccount(caller: Caller): Promise<void> {
    await this.db.transaction(async (em) => {
      await this.users.delete(em, caller.userId);
      await this.audit.record(em, {
        actorId: null,
        entity: 'user',
        entityId: caller.userId,
        action: 'deleted',
        changes: {},
      });
    });
  }

  private async useLink(
    em: Parameters<LinksRepository['take']>[0],
    kind: 'password_reset' | 'invitation',
    token: string,
  ) {
    const link = await this.links.take(em, kind, hashToken(token));
    if (!link || link.used) {
      throw new DomainException(
        'INVALID_LINK',
        400,
        'Ce lien n’est pas valable ou a déjà servi. Demandez-en un nouveau.',
      );
    }
    if (link.expired)
      throw new DomainException('LINK_EXPIRED', 400, 'Ce lien a expiré. Demandez-en un nouveau.');
    await this.links.markUsed(em, link.id);
    return link;
  }

  /** Signs in a person who just proved who they are another way (registration). */
  async startSession(userId: string, client: ClientInfo): Promise<SignedIn> {
    const signedIn = await this.openSession(userId, client.userAgent);
    await this.audit.record(this.db.manager, {
      actorId: userId,
      entity: 'user',
      entityId: userId,
      action: 'signed_in',
      changes: { address: pseudonymise(client.ip, this.config.jwtSecret) },
    });
    return signedIn;
  }

  private async openSession(userId: string, userAgent: string | null): Promise<SignedIn> {
    const { token, hash } = newToken();
    const sessionId = await this.sessions.create(userId, hash, userAgent);
    return { response: await this.accessFor(userId, sessionId), refreshToken: token };
  }

  private async accessFor(userId: string, sessionId: string): Promise<LoginResponse> {
    const user = await this.users.findProfile(userId);
    if (!user) throw new DomainException('NO_SESSION', 401, 'Ce compte n’existe plus.');
    const claims: AccessClaims = {
      sub: user.id,
      sid: sessionId,
      org: user.organisation?.id ?? null,
      roles: user.roles,
    };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.config.accessTokenTtlSeconds });
    return { accessToken, expiresIn: this.config.accessTokenTtlSeconds, user };
  }
}
