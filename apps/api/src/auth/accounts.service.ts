import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Account, Role, User } from '@lieux/contracts';
import { LinksRepository } from './links.repository';
import { SessionCache } from './session-cache';
import { UsersRepository } from './users.repository';

/**
 * What other modules may do with accounts, role grants and invitation links, whose tables auth owns:
 * the one door to them from outside auth (lint refuses another module's repository). Writes take the
 * caller's transaction, so an account and what it was created for commit together.
 */
@Injectable()
export class AccountsService {
  constructor(
    private readonly users: UsersRepository,
    private readonly links: LinksRepository,
    private readonly sessionCache: SessionCache,
  ) {}

  /**
   * After the commit of a change to a person's roles or account: this process trusts none of their checked
   * sessions from its next request on. The commit's notice does the same in every process, but it reaches
   * this one on another connection, possibly after the caller's next request.
   */
  committed(userId: string): void {
    this.sessionCache.forget(userId);
  }

  idByEmail(email: string, em?: EntityManager): Promise<string | null> {
    return this.users.findIdByEmail(email, em);
  }

  /** The account an OpenID Connect sign-in matches (locked), whether staff, in an organisation, deactivated. */
  forOidc(em: EntityManager, email: string) {
    return this.users.findForOidc(em, email);
  }

  profile(userId: string, em?: EntityManager): Promise<User | null> {
    return this.users.findProfile(userId, em);
  }

  /** Raises SQLSTATE 23505 when the address is taken. */
  create(
    em: EntityManager,
    account: { email: string; passwordHash: string; displayName: string; organisationId?: string | null },
  ): Promise<string> {
    return this.users.create(em, account);
  }

  grant(
    em: EntityManager,
    userId: string,
    role: Role,
    scope: { organisationId?: string | null; siteId?: string | null; regionCode?: string | null },
  ): Promise<void> {
    return this.users.grant(em, userId, role, scope);
  }

  /** An invitation link, to a staff account already created (`userId`) or into an organisation. */
  invite(
    em: EntityManager,
    invitation: {
      tokenHash: string;
      email: string;
      userId?: string;
      organisationId?: string;
      role?: 'member' | 'org_admin';
      createdBy: string;
      validHours: number;
    },
  ): Promise<{ id: string; expiresAt: string }> {
    return this.links.create(em, { kind: 'invitation', ...invitation });
  }

  listAccounts(...args: Parameters<UsersRepository['listAccounts']>) {
    return this.users.listAccounts(...args);
  }

  account(id: string, em?: EntityManager): Promise<Account | null> {
    return this.users.findAccount(id, em);
  }

  otherActiveAdmins(em: EntityManager, userId: string): Promise<number> {
    return this.users.otherActiveAdmins(em, userId);
  }

  setStaffGrants(...args: Parameters<UsersRepository['setStaffGrants']>): Promise<void> {
    return this.users.setStaffGrants(...args);
  }

  /** Ends the account's sessions and links at once; false when it was already deactivated. */
  deactivate(em: EntityManager, userId: string): Promise<boolean> {
    return this.users.deactivate(em, userId);
  }

  reactivate(em: EntityManager, userId: string): Promise<boolean> {
    return this.users.reactivate(em, userId);
  }

  expireInvitations(em: EntityManager, userId: string): Promise<void> {
    return this.users.expireInvitations(em, userId);
  }
}
