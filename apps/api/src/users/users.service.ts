import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { CreateUserRequest, User } from '@lieux/contracts';
import { AuditService } from '../audit/audit.service';
import { AccountsService } from '../auth/accounts.service';
import { hashPassword, INVITATION_HOURS } from '../auth/auth.service';
import type { Caller } from '../auth/current-user';
import { newToken } from '../auth/tokens';
import { sqlState } from '../database/database.module';
import { GeographyService } from '../geography/geography.service';
import { DomainException } from '../http/domain.exception';
import { OutboxService } from '../notifications/outbox.service';
import { SitesService } from '../sites/sites.service';

/** Staff accounts (site managers, delegates, admins), created by an admin. */
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
}
