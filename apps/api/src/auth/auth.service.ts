import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';
import type { LoginRequest, LoginResponse, MessageLanguage, User } from '@lieux/contracts';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { sqlState } from '../database/database.module';
import { DomainException } from '../http/domain.exception';
import { OutboxService } from '../notifications/outbox.service';
import type { Caller } from './current-user';
import { LinksRepository, type Link } from './links.repository';
import { assertStrongPassword } from './password-strength';
import { SessionCache } from './session-cache';
import { SessionsRepository } from './sessions.repository';
import { SignInThrottle } from './sign-in-throttle';
import { hashToken, newToken, pseudonymise } from './tokens';
import { UsersRepository } from './users.repository';

interface AccessClaims {
  sub: string;
  sid: string;
  org: string | null;
  roles: Caller['roles'];
  /** Seconds since the epoch, set by the signer. */
  exp?: number;
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

/**
 * argon2id at the library's defaults (64 MiB, 3 passes, 4 lanes) costs about 0.2 s of CPU per hash or
 * check. Under Jest, which sets NODE_ENV=test, the lightest parameters instead: the integration suites
 * sign in hundreds of times and half their CPU went to hashing. A hash records its own parameters, so a
 * check works on either kind; the processes the suites spawn, and the browser tests' server, keep the
 * defaults.
 */
const HASH_OPTIONS =
  process.env.NODE_ENV === 'test'
    ? { type: argon2.argon2id, memoryCost: 1024, timeCost: 2, parallelism: 1 }
    : { type: argon2.argon2id };

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, HASH_OPTIONS);
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
    private readonly sessionCache: SessionCache,
  ) {}

  async login(input: LoginRequest, client: ClientInfo): Promise<SignedIn> {
    const email = input.email.toLowerCase();
    const address = pseudonymise(client.ip, this.config.jwtSecret);
    const accountKey = `account:${email}`;
    const addressKey = `address:${address}`;
    // The attempt is counted before the password is checked, so parallel guesses cannot outrun the count.
    const wait = await this.throttle.reserve(accountKey, addressKey);
    if (wait > 0) {
      throw new DomainException('TOO_MANY_REQUESTS', 429, {
        key: 'TOO_MANY_REQUESTS.login',
        params: { minutes: Math.ceil(wait / 60), s: wait > 60 ? 's' : '' },
      }).withHeaders({ 'retry-after': String(wait) });
    }
    const creds = await this.users.findCredentials(email);
    const ok = await argon2
      .verify(creds?.passwordHash ?? (await this.dummyHash), input.password)
      .catch(() => false);
    if (!creds || !ok) {
      await this.audit.record(this.db.manager, {
        actorId: creds?.id ?? null,
        entity: 'user',
        entityId: creds?.id ?? '00000000-0000-0000-0000-000000000000',
        action: 'sign_in_failed',
        changes: { address },
      });
      throw new DomainException('INVALID_CREDENTIALS', 401, 'INVALID_CREDENTIALS');
    }
    await this.throttle.succeeded(accountKey, addressKey);
    // Said only to whoever knows the password: the answer tells nobody else the account exists.
    if (creds.deactivated) throw new DomainException('ACCOUNT_DEACTIVATED', 403, 'ACCOUNT_DEACTIVATED');
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
    const hash = refreshToken ? hashToken(refreshToken) : null;
    const session = hash ? await this.sessions.rotate(hash, next.hash) : null;
    if (!session) {
      if (hash) await this.closeOnReuse(hash);
      throw new DomainException('NO_SESSION', 401, 'NO_SESSION');
    }
    return { response: await this.accessFor(session.userId, session.id), refreshToken: next.token };
  }

  /**
   * A refresh token that was already exchanged comes back: two parties hold the session (the owner and
   * whoever copied the cookie), and nothing says which one refreshed first. The whole session ends, and
   * its owner is told why, once.
   */
  private async closeOnReuse(hash: string): Promise<void> {
    const closed = await this.db.transaction(async (em) => {
      const session = await this.sessions.closeOnReuse(em, hash);
      if (!session) return false;
      await this.audit.record(em, {
        actorId: null,
        entity: 'user',
        entityId: session.userId,
        action: 'session_reuse_detected',
        changes: { sessionId: session.id },
      });
      await this.outbox.append(em, 'session.reuse_detected', { userId: session.userId });
      return true;
    });
    if (closed) this.outbox.kick();
  }

  /** Ends the caller's session, whether they hold it by its access token or its refresh cookie. */
  async logout(caller: Caller, refreshToken: string | undefined): Promise<void> {
    await this.sessions.revoke(caller.userId, caller.sessionId);
    if (refreshToken) await this.sessions.revokeByHash(hashToken(refreshToken));
    // The notice of the change reaches this process too, a moment later: the next request must not win.
    this.sessionCache.forget(caller.userId);
  }

  async verify(token: string): Promise<Caller | null> {
    const known = this.sessionCache.get(token);
    if (known) return known;
    let c: AccessClaims;
    try {
      c = await this.jwt.verifyAsync<AccessClaims>(token);
    } catch {
      return null;
    }
    // A signed token is not enough: its session must still be open (sign-out, revocation, deleted account),
    // and its roles are the person's as they are now, not as they were when the token was signed.
    const mark = this.sessionCache.mark();
    const now = await this.sessions.caller(c.sid, c.sub);
    if (!now) return null;
    const caller = { userId: c.sub, sessionId: c.sid, organisationId: now.organisationId, roles: now.roles };
    this.sessionCache.set(token, caller, mark, (c.exp ?? 0) * 1000);
    return caller;
  }

  async me(caller: Caller): Promise<User> {
    const user = await this.users.findProfile(caller.userId);
    if (!user) throw new DomainException('UNAUTHENTICATED', 401, 'UNAUTHENTICATED.accountGone');
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

  async confirmPasswordReset(token: string, password: string, lang: MessageLanguage): Promise<void> {
    // The link first: a junk token must not cost an argon2 hash.
    const link = await this.checkLink('password_reset', token);
    assertStrongPassword(
      password,
      { email: link.email, displayName: link.displayName },
      'body.password',
      lang,
    );
    const passwordHash = await hashPassword(password);
    const userId = await this.db.transaction(async (em) => {
      const used = await this.useLink(em, 'password_reset', token);
      await this.users.setPassword(em, used.userId!, passwordHash);
      await this.audit.record(em, {
        actorId: used.userId,
        entity: 'user',
        entityId: used.userId!,
        action: 'password_reset',
        changes: {},
      });
      return used.userId!;
    });
    await this.sessions.revokeAll(userId);
    this.sessionCache.forget(userId);
    // The sign-in lock's message sends the person here: a new password lifts it.
    await this.throttle.clear(`account:${link.email}`);
  }

  async acceptInvitation(
    token: string,
    displayName: string,
    password: string,
    client: ClientInfo,
    lang: MessageLanguage,
  ): Promise<SignedIn> {
    // The link first: a junk token must not cost an argon2 hash.
    const link = await this.checkLink('invitation', token);
    assertStrongPassword(
      password,
      { email: link.email, displayName: link.displayName ?? displayName },
      'body.password',
      lang,
    );
    const passwordHash = await hashPassword(password);
    const joined = await this.db
      .transaction(async (em) => {
        const used = await this.useLink(em, 'invitation', token);
        if (used.userId) {
          // A staff account created by an admin: the person chooses their password.
          await this.users.setPassword(em, used.userId, passwordHash);
          return { userId: used.userId };
        }
        const existing = await this.users.findIdByEmail(used.email, em);
        if (existing) {
          // The address got an account since it was invited. Answered as a new member would be, so that
          // the answer does not tell whether an address has an account; its owner is told by e-mail.
          await this.outbox.append(em, 'account.exists', { userId: existing, attempt: 'invitation' });
          return { existing: { email: used.email, organisationId: used.organisationId, role: used.role! } };
        }
        const id = await this.users.create(em, {
          email: used.email,
          passwordHash,
          displayName,
          organisationId: used.organisationId,
        });
        await this.users.grant(em, id, used.role!, { organisationId: used.organisationId });
        await this.audit.record(em, {
          actorId: id,
          entity: 'organisation',
          entityId: used.organisationId!,
          action: 'member_joined',
          changes: { userId: id, role: used.role },
        });
        return { userId: id };
      })
      .catch((err) => {
        // Only when the address signed up in the instant between the check above and the insert.
        if (sqlState(err) === '23505') {
          throw new DomainException('EMAIL_TAKEN', 409, 'EMAIL_TAKEN.invitation');
        }
        throw err;
      });
    if (joined.existing) {
      this.outbox.kick();
      const org = joined.existing.organisationId;
      return this.decoy({
        email: joined.existing.email,
        displayName,
        organisation: org ? await this.users.profileOrganisation(org) : null,
        roles: [{ role: joined.existing.role, organisationId: org, siteId: null, regionCode: null }],
      });
    }
    return this.startSession(joined.userId!, client);
  }

  /**
   * What a sign-up answers when the address already has an account: the same shape as a real one, with
   * tokens that open nothing (their session does not exist), so that the answer alone does not tell
   * whether an address is registered.
   */
  async decoy(user: Omit<User, 'id' | 'locale'>): Promise<SignedIn> {
    const profile: User = { id: randomUUID(), locale: 'fr', ...user };
    const claims: AccessClaims = {
      sub: profile.id,
      sid: randomUUID(),
      org: profile.organisation?.id ?? null,
      roles: profile.roles,
    };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.config.accessTokenTtlSeconds });
    return {
      response: { accessToken, expiresIn: this.config.accessTokenTtlSeconds, user: profile },
      refreshToken: newToken().token,
    };
  }

  listSessions(caller: Caller) {
    return this.sessions
      .list(caller.userId)
      .then((items) => ({ items: items.map((s) => ({ ...s, current: s.id === caller.sessionId })) }));
  }

  async revokeSession(caller: Caller, sessionId: string): Promise<void> {
    if (!(await this.sessions.revoke(caller.userId, sessionId))) {
      throw new DomainException('NOT_FOUND', 404, 'NOT_FOUND.session');
    }
    this.sessionCache.forget(caller.userId);
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

  /** The link a token opens, refused as `useLink` would refuse it, read without a transaction. */
  private async checkLink(kind: 'password_reset' | 'invitation', token: string) {
    const link = await this.links.peek(this.db.manager, kind, hashToken(token));
    refuseUnusable(link);
    return link;
  }

  private async useLink(
    em: Parameters<LinksRepository['take']>[0],
    kind: 'password_reset' | 'invitation',
    token: string,
  ) {
    const link = await this.links.take(em, kind, hashToken(token));
    refuseUnusable(link);
    await this.links.markUsed(em, link.id);
    return link;
  }

  /** Signs in a person who just proved who they are another way (registration, the OpenID provider). */
  async startSession(userId: string, client: ClientInfo, via?: 'oidc'): Promise<SignedIn> {
    const signedIn = await this.openSession(userId, client.userAgent);
    await this.audit.record(this.db.manager, {
      actorId: userId,
      entity: 'user',
      entityId: userId,
      action: 'signed_in',
      changes: { address: pseudonymise(client.ip, this.config.jwtSecret), ...(via ? { via } : {}) },
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
    if (!user) throw new DomainException('NO_SESSION', 401, 'NO_SESSION.accountGone');
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

function refuseUnusable(link: Link | null): asserts link is Link {
  if (!link || link.used) {
    throw new DomainException('INVALID_LINK', 400, 'INVALID_LINK');
  }
  if (link.expired) throw new DomainException('LINK_EXPIRED', 400, 'LINK_EXPIRED');
}
