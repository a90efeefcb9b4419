import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Account, AccountQuery, CreateUserRequest, Role, SetRolesRequest, User } from '@lieux/contracts';
import { AuditService } from '../audit/audit.service';
import { AccountsService } from '../auth/accounts.service';
import { hashPassword, INVITATION_HOURS } from '../auth/auth.service';
import type { Caller } from '../auth/current-user';
import { newToken } from '../auth/tokens';
import { sqlState } from '../database/database.module';
import { GeographyService } from '../geography/geography.service';
import { DomainException } from '../http/domain.exception';
import { decodeKeyset, encodeKeyset, KEY } from '../http/keyset';
import { OutboxService } from '../notifications/outbox.service';
import { SitesService } from '../sites/sites.service';

/** Accounts as an admin runs them: staff created and invited, roles changed, accounts (de)activated. */
@Injectable()
export class UsersService {
  constructor(
    private readonly db: DataSource,
    private readonly accounts: AccountsService,
    private readonly geography: GeographyService,
    private readonly sites: SitesService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  async create(caller: Caller, input: CreateUserRequest): Promise<User> {
    if (input.regionCode && !this.geography.departements(input.regionCode)) {
      throw new DomainException('VALIDATION_FAILED', 400, 'VALIDATION_FAILED.unknownRegion', [
        { path: 'body.regionCode', message: 'VALIDATION_FAILED.unknownRegion.field' },
      ]);
    }
    const siteIds = input.role === 'site_manager' ? [...new Set(input.siteIds)] : [];
    if (siteIds.length) {
      if (!(await this.sites.allExist(siteIds))) {
        throw new DomainException('VALIDATION_FAILED', 400, 'VALIDATION_FAILED.unknownSite', [
          { path: 'body.siteIds', message: 'VALIDATION_FAILED.unknownSite.field' },
        ]);
      }
    }
    const { token, hash } = newToken();
    // Nobody knows this password: the person chooses theirs through the link.
    const passwordHash = await hashPassword(randomUUID());
    try {
      const userId = await this.db.transaction(async (em) => {
        const id = await this.accounts.create(em, {
          email: input.email,
          passwordHash,
          displayName: input.displayName,
        });
        if (input.role === 'site_manager')
          for (const siteId of siteIds) await this.accounts.grant(em, id, 'site_manager', { siteId });
        else
          await this.accounts.grant(em, id, input.role, {
            regionCode: input.role === 'delegate' ? input.regionCode : null,
          });
        const link = await this.accounts.invite(em, {
          tokenHash: hash,
          email: input.email.toLowerCase(),
          userId: id,
          createdBy: caller.userId,
          validHours: INVITATION_HOURS,
        });
        await this.outbox.append(em, 'invitation.sent', { linkId: link.id, token });
        await this.audit.record(em, {
          actorId: caller.userId,
          entity: 'user',
          entityId: id,
          action: 'role_granted',
          changes: { role: input.role, siteIds, regionCode: input.regionCode ?? null },
        });
        return id;
      });
      this.outbox.kick();
      return (await this.accounts.profile(userId))!;
    } catch (err) {
      if (sqlState(err) === '23505') throw new DomainException('EMAIL_TAKEN', 409, 'EMAIL_TAKEN');
      throw err;
    }
  }

  async list(q: AccountQuery): Promise<{ items: Account[]; nextCursor: string | null }> {
    const after = q.cursor ? decodeKeyset(q.cursor, { name: KEY.text, id: KEY.uuid }) : null;
    const rows = await this.accounts.listAccounts(
      { q: q.q || null, role: q.role ?? null, after },
      q.limit + 1,
    );
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(({ sortName: _, ...account }) => account),
      nextCursor: rows.length > q.limit ? encodeKeyset({ name: last.sortName, id: last.id }) : null,
    };
  }

  async get(id: string): Promise<Account> {
    const account = await this.accounts.account(id);
    if (!account) throw new DomainException('NOT_FOUND', 404, 'NOT_FOUND.user');
    return account;
  }

  /**
   * Replaces the person's staff roles. An admin cannot withdraw their own admin role (another admin
   * does), nor leave the platform without an active admin.
   */
  async setRoles(caller: Caller, id: string, input: SetRolesRequest): Promise<Account> {
    const before = await this.get(id);
    const siteIds = [...new Set(input.siteIds)];
    if (input.regionCode && !this.geography.departements(input.regionCode)) {
      throw new DomainException('VALIDATION_FAILED', 400, 'VALIDATION_FAILED.unknownRegion', [
        { path: 'body.regionCode', message: 'VALIDATION_FAILED.unknownRegion.field' },
      ]);
    }
    if (siteIds.length && !(await this.sites.allExist(siteIds))) {
      throw new DomainException('VALIDATION_FAILED', 400, 'VALIDATION_FAILED.unknownSite', [
        { path: 'body.siteIds', message: 'VALIDATION_FAILED.unknownSite.field' },
      ]);
    }
    const wasAdmin = before.roles.some((g) => g.role === 'admin');
    if (wasAdmin && !input.admin && id === caller.userId) {
      throw new DomainException('NOT_YOURSELF', 409, 'NOT_YOURSELF.admin');
    }
    const grants: { role: Role; siteId?: string; regionCode?: string }[] = [
      ...siteIds.map((siteId) => ({ role: 'site_manager' as const, siteId })),
      ...(input.regionCode ? [{ role: 'delegate' as const, regionCode: input.regionCode }] : []),
      ...(input.admin ? [{ role: 'admin' as const }] : []),
    ];
    await this.db.transaction(async (em) => {
      if (
        wasAdmin &&
        !input.admin &&
        !before.deactivatedAt &&
        (await this.accounts.otherActiveAdmins(em, id)) === 0
      ) {
        throw new DomainException('LAST_ADMIN', 409, 'LAST_ADMIN');
      }
      await this.accounts.setStaffGrants(em, id, grants);
      const staff = (roles: { role: Role; siteId: string | null; regionCode: string | null }[]) =>
        roles
          .filter((g) => g.role === 'site_manager' || g.role === 'delegate' || g.role === 'admin')
          .map(({ role, siteId, regionCode }) => ({ role, siteId, regionCode }));
      await this.audit.record(em, {
        actorId: caller.userId,
        entity: 'user',
        entityId: id,
        action: 'roles_changed',
        changes: {
          roles: [staff(before.roles), staff(grants.map((g) => ({ siteId: null, regionCode: null, ...g })))],
        },
      });
    });
    this.accounts.committed(id);
    return this.get(id);
  }

  /** Ends the person's sessions at once; they can no longer sign in. Never oneself, never the last admin. */
  async deactivate(caller: Caller, id: string): Promise<Account> {
    if (id === caller.userId) throw new DomainException('NOT_YOURSELF', 409, 'NOT_YOURSELF');
    const account = await this.get(id);
    await this.db.transaction(async (em) => {
      if (
        account.roles.some((g) => g.role === 'admin') &&
        (await this.accounts.otherActiveAdmins(em, id)) === 0
      ) {
        throw new DomainException('LAST_ADMIN', 409, 'LAST_ADMIN');
      }
      if (!(await this.accounts.deactivate(em, id))) {
        throw new DomainException('ALREADY_DECIDED', 409, 'ALREADY_DECIDED.deactivated');
      }
      await this.audit.record(em, {
        actorId: caller.userId,
        entity: 'user',
        entityId: id,
        action: 'deactivated',
        changes: {},
      });
    });
    this.accounts.committed(id);
    return this.get(id);
  }

  async reactivate(caller: Caller, id: string): Promise<Account> {
    await this.get(id);
    await this.db.transaction(async (em) => {
      if (!(await this.accounts.reactivate(em, id))) {
        throw new DomainException('ALREADY_DECIDED', 409, 'ALREADY_DECIDED.active');
      }
      await this.audit.record(em, {
        actorId: caller.userId,
        entity: 'user',
        entityId: id,
        action: 'reactivated',
        changes: {},
      });
    });
    this.accounts.committed(id);
    return this.get(id);
  }

  /** A new invitation for a person who never chose a password; the links sent before stop working. */
  async resendInvitation(caller: Caller, id: string): Promise<Account> {
    const account = await this.get(id);
    if (account.deactivatedAt) throw new DomainException('ACCOUNT_DEACTIVATED', 409, 'ACCOUNT_DEACTIVATED');
    if (!account.invitationPending) {
      throw new DomainException('NO_PENDING_INVITATION', 409, 'NO_PENDING_INVITATION');
    }
    const { token, hash } = newToken();
    await this.db.transaction(async (em) => {
      await this.accounts.expireInvitations(em, id);
      const link = await this.accounts.invite(em, {
        tokenHash: hash,
        email: account.email,
        userId: id,
        createdBy: caller.userId,
        validHours: INVITATION_HOURS,
      });
      await this.outbox.append(em, 'invitation.sent', { linkId: link.id, token });
      await this.audit.record(em, {
        actorId: caller.userId,
        entity: 'user',
        entityId: id,
        action: 'invitation_resent',
        changes: {},
      });
    });
    this.outbox.kick();
    return this.get(id);
  }
}
