import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ORGANISATION_DECISIONS,
  type ErrorMessageKey,
  type MessageLanguage,
  type Organisation,
  type OrganisationDecision,
  type RegisterOrganisationRequest,
} from '@lieux/contracts';
import { AuditService } from '../audit/audit.service';
import { AccountsService } from '../auth/accounts.service';
import {
  AuthService,
  hashPassword,
  INVITATION_HOURS,
  type ClientInfo,
  type SignedIn,
} from '../auth/auth.service';
import { grantsOf, isAdmin, type Caller } from '../auth/current-user';
import { assertStrongPassword } from '../auth/password-strength';
import { newToken } from '../auth/tokens';
import { sqlState } from '../database/database.module';
import { GeographyService } from '../geography/geography.service';
import { DomainException, notFound } from '../http/domain.exception';
import { OutboxService, type EventType } from '../notifications/outbox.service';
import { decodeKeyset, encodeKeyset, KEY } from '../http/keyset';
import { OrganisationsRepository } from './organisations.repository';

const UNIQUE_VIOLATION = '23505';

interface Decision {
  to: 'verified' | 'rejected';
  from: Organisation['verification'][];
  action: string;
  event: EventType;
  /** Why the decision cannot be taken when the organisation is in none of `from`. */
  refusal: ErrorMessageKey;
}

const DECISIONS = {
  verify: {
    to: 'verified',
    from: ['pending', 'rejected'],
    action: 'verified',
    event: 'organisation.verified',
    refusal: 'ALREADY_DECIDED.verified',
  },
  reject: {
    to: 'rejected',
    from: ['pending'],
    action: 'rejected',
    event: 'organisation.rejected',
    refusal: 'ALREADY_DECIDED.notPending',
  },
  withdraw: {
    to: 'rejected',
    from: ['verified'],
    action: 'verification_withdrawn',
    event: 'organisation.verification_withdrawn',
    refusal: 'ALREADY_DECIDED.notVerified',
  },
} as const satisfies Record<string, Decision>;

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly db: DataSource,
    private readonly organisations: OrganisationsRepository,
    private readonly accounts: AccountsService,
    private readonly auth: AuthService,
    private readonly geography: GeographyService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  verification(id: string) {
    return this.organisations.verification(id);
  }

  /** A new organisation, pending, and its first admin, signed in at once so they can look around. */
  async register(
    input: RegisterOrganisationRequest,
    client: ClientInfo,
    lang: MessageLanguage,
  ): Promise<SignedIn & { organisation: Organisation }> {
    const o = input.organisation;
    const commune = this.geography.commune(o.communeCode);
    if (!commune) throw new DomainException('UNKNOWN_COMMUNE', 422, 'UNKNOWN_COMMUNE');
    if (!commune.postcodes.includes(o.postcode)) {
      throw new DomainException('POSTCODE_MISMATCH', 422, {
        key: 'POSTCODE_MISMATCH.withPostcodes',
        params: { postcode: o.postcode, commune: commune.name, postcodes: commune.postcodes.join(', ') },
      });
    }
    assertStrongPassword(input.admin.password, input.admin, 'body.admin.password', lang);
    const passwordHash = await hashPassword(input.admin.password);
    let organisationId: string;
    let userId: string;
    try {
      ({ organisationId, userId } = await this.db.transaction(async (em) => {
        const orgId = await this.organisations.create(em, {
          name: o.name,
          siret: o.siret,
          legalForm: o.legalForm,
          rna: o.rna ?? null,
          esusApprovedOn: o.esusApprovedOn ?? null,
          address: o.address,
          postcode: o.postcode,
          communeCode: commune.code,
          commune: commune.name,
          departementCode: commune.departementCode,
          regionCode: commune.regionCode,
        });
        const existing = await this.accounts.idByEmail(input.admin.email, em);
        // Undone by the rollback; read first so that the answer looks like a real registration.
        if (existing) throw new AccountExists(existing, (await this.organisations.find(orgId, em))!);
        const uid = await this.accounts.create(em, {
          email: input.admin.email,
          passwordHash,
          displayName: input.admin.displayName,
          organisationId: orgId,
        });
        await this.accounts.grant(em, uid, 'org_admin', { organisationId: orgId });
        await this.audit.record(em, {
          actorId: uid,
          entity: 'organisation',
          entityId: orgId,
          action: 'registered',
          changes: { siret: o.siret, regionCode: commune.regionCode },
        });
        return { organisationId: orgId, userId: uid };
      }));
    } catch (err) {
      if (err instanceof AccountExists) return this.answerAsNew(input, err);
      if (sqlState(err) === UNIQUE_VIOLATION) {
        const constraint = (err as { driverError?: { constraint?: string } }).driverError?.constraint ?? '';
        if (constraint.includes('siret')) {
          throw new DomainException('SIRET_TAKEN', 409, 'SIRET_TAKEN');
        }
        // Only when the address signed up in the instant between the check and the insert.
        throw new DomainException('EMAIL_TAKEN', 409, 'EMAIL_TAKEN.signIn');
      }
      throw err;
    }
    const signedIn = await this.auth.startSession(userId, client);
    return { ...signedIn, organisation: (await this.organisations.find(organisationId))! };
  }

  /**
   * A registration with an address that has an account already: nothing is written, the answer has the
   * shape of a successful one (so it does not tell that the address is known), and the address's owner
   * is told that someone tried.
   */
  private async answerAsNew(
    input: RegisterOrganisationRequest,
    found: AccountExists,
  ): Promise<SignedIn & { organisation: Organisation }> {
    await this.db.transaction((em) =>
      this.outbox.append(em, 'account.exists', {
        userId: found.userId,
        attempt: 'registration',
        organisationName: found.organisation.name,
      }),
    );
    this.outbox.kick();
    const o = found.organisation;
    const signedIn = await this.auth.decoy({
      email: input.admin.email.toLowerCase(),
      displayName: input.admin.displayName,
      organisation: { id: o.id, name: o.name, verification: o.verification },
      roles: [{ role: 'org_admin', organisationId: o.id, siteId: null, regionCode: null }],
    });
    return { ...signedIn, organisation: o };
  }

  async list(caller: Caller, q: { verification?: string; limit: number; cursor?: string }) {
    const regions = isAdmin(caller) ? null : grantsOf(caller, 'delegate').map((g) => g.regionCode!);
    const after = q.cursor ? decodeKeyset(q.cursor, { createdAt: KEY.instant, id: KEY.uuid }) : undefined;
    const rows = await this.organisations.list(regions, q.verification, q.limit + 1, after);
    const items = rows.slice(0, q.limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        rows.length > q.limit && last ? encodeKeyset({ createdAt: last.createdAt, id: last.id }) : null,
    };
  }

  /** What the caller may see of an organisation; anything else is "not found". */
  async get(caller: Caller, id: string): Promise<Organisation> {
    const o = await this.organisations.find(id);
    if (!o || !this.canSee(caller, o)) throw notFound('NOT_FOUND.organisation');
    return o;
  }

  /** The verifications, refusals and withdrawals of an organisation the caller may decide on, newest first. */
  async decisions(caller: Caller, id: string): Promise<{ items: OrganisationDecision[] }> {
    await this.decidable(caller, id);
    const entries = await this.audit.history('organisation', id, ORGANISATION_DECISIONS);
    return {
      items: entries.map((e) => ({
        action: e.action as OrganisationDecision['action'],
        at: e.at,
        by: e.actorName,
        reason: typeof e.changes.reason === 'string' ? e.changes.reason : null,
      })),
    };
  }

  async verify(caller: Caller, id: string): Promise<Organisation> {
    return this.decide(caller, id, DECISIONS.verify, null);
  }

  async reject(caller: Caller, id: string, reason: string): Promise<Organisation> {
    return this.decide(caller, id, DECISIONS.reject, reason);
  }

  /** A verified organisation found not to qualify after all: back to rejected, so that it cannot book. */
  async withdrawVerification(caller: Caller, id: string, reason: string): Promise<Organisation> {
    return this.decide(caller, id, DECISIONS.withdraw, reason);
  }

  async members(caller: Caller, id: string) {
    const o = await this.organisations.find(id);
    if (!o || !(isAdmin(caller) || this.isOrgAdmin(caller, id))) throw notFound('NOT_FOUND.organisation');
    return { items: await this.organisations.members(id) };
  }

  async invite(caller: Caller, id: string, email: string, role: 'member' | 'org_admin') {
    if (!this.isOrgAdmin(caller, id)) throw notFound('NOT_FOUND.organisation');
    // Anyone may register an organisation and invite: a 409 here would tell them which addresses have an
    // account. The inviter sees the invitation as any other; the address's owner is told instead of
    // receiving a link they could not use.
    const existing = await this.accounts.idByEmail(email);
    const { token, hash } = newToken();
    const invitation = await this.db.transaction(async (em) => {
      const link = await this.accounts.invite(em, {
        tokenHash: hash,
        email: email.toLowerCase(),
        organisationId: id,
        role,
        createdBy: caller.userId,
        validHours: INVITATION_HOURS,
      });
      if (existing) {
        const organisationName = (await this.organisations.find(id, em))?.name;
        await this.outbox.append(em, 'account.exists', {
          userId: existing,
          attempt: 'invited',
          organisationName,
        });
      } else {
        await this.outbox.append(em, 'invitation.sent', { linkId: link.id, token });
      }
      await this.audit.record(em, {
        actorId: caller.userId,
        entity: 'organisation',
        entityId: id,
        action: 'member_invited',
        changes: { role },
      });
      return { id: link.id, email: email.toLowerCase(), role, expiresAt: link.expiresAt };
    });
    this.outbox.kick();
    return invitation;
  }

  private async decide(caller: Caller, id: string, d: Decision, reason: string | null) {
    const o = await this.decidable(caller, id);
    await this.db.transaction(async (em) => {
      if (!(await this.organisations.decide(em, id, d.to, d.from, reason, caller.userId))) {
        throw new DomainException('ALREADY_DECIDED', 409, d.refusal);
      }
      await this.audit.record(em, {
        actorId: caller.userId,
        entity: 'organisation',
        entityId: id,
        action: d.action,
        changes: { verification: [o.verification, d.to], ...(reason ? { reason } : {}) },
      });
      await this.outbox.append(em, d.event, { organisationId: id, ...(reason ? { reason } : {}) });
    });
    this.outbox.kick();
    return (await this.organisations.find(id))!;
  }

  /** An organisation the caller may decide on: an admin, or the delegate of its region; else not found. */
  private async decidable(caller: Caller, id: string): Promise<Organisation> {
    const o = await this.organisations.find(id);
    if (!o || !(isAdmin(caller) || this.isDelegateOf(caller, o.regionCode)))
      throw notFound('NOT_FOUND.organisation');
    return o;
  }

  private canSee(caller: Caller, o: Organisation): boolean {
    return isAdmin(caller) || this.isDelegateOf(caller, o.regionCode) || caller.organisationId === o.id;
  }

  private isDelegateOf(caller: Caller, regionCode: string): boolean {
    return grantsOf(caller, 'delegate').some((g) => g.regionCode === regionCode);
  }

  private isOrgAdmin(caller: Caller, organisationId: string): boolean {
    return grantsOf(caller, 'org_admin').some((g) => g.organisationId === organisationId);
  }
}

/** Rolls back a registration whose address has an account, carrying what the answer needs. */
class AccountExists extends Error {
  constructor(
    readonly userId: string,
    readonly organisation: Organisation,
  ) {
    super('address already registered');
  }
}
