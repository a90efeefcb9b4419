import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as oidc from 'openid-client';
import { DataSource, type EntityManager } from 'typeorm';
import type { Role } from '@lieux/contracts';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, type AppConfig, type OidcConfig } from '../config/app-config';
import { sqlState } from '../database/database.module';
import { GeographyService } from '../geography/geography.service';
import { DomainException } from '../http/domain.exception';
import { AccountsService } from '../auth/accounts.service';
import { AuthService, hashPassword, type ClientInfo, type SignedIn } from '../auth/auth.service';
import { pseudonymise } from '../auth/tokens';
import { SitesService } from '../sites/sites.service';

/** Why a sign-in through the provider was refused: the login page explains each (`login.oidc.<code>`). */
export type OidcRefusal =
  'OIDC_FAILED' | 'OIDC_EMAIL_UNVERIFIED' | 'OIDC_ORGANISATION_MEMBER' | 'OIDC_NO_ROLE' | 'OIDC_DEACTIVATED';

export class OidcRefused extends Error {
  constructor(
    readonly code: OidcRefusal,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** What the browser keeps between the redirect to the provider and its return (signed, 10 minutes). */
interface FlowClaims {
  typ: 'oidc_flow';
  state: string;
  nonce: string;
  verifier: string;
}

const formatGrant = (g: ClaimedGrant) => [g.role, g.siteId ?? g.regionCode].filter(Boolean).join(':');

export const FLOW_MINUTES = 10;

/** One grant the role claim asks for, as `admin`, `delegate:<region code>` or `site_manager:<site id>`. */
export interface ClaimedGrant {
  role: Role;
  siteId: string | null;
  regionCode: string | null;
}

/** Reads the role claim; anything else than the three staff forms is ignored. */
export function parseRoleClaim(value: unknown): ClaimedGrant[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/) : [];
  const grants: ClaimedGrant[] = [];
  for (const item of items) {
    if (typeof item !== 'string') continue;
    const [role, scope, ...rest] = item.trim().split(':');
    if (rest.length > 0) continue;
    if (role === 'admin' && scope === undefined) grants.push({ role, siteId: null, regionCode: null });
    else if (role === 'delegate' && scope && /^[0-9]{2,3}$/.test(scope))
      grants.push({ role, siteId: null, regionCode: scope });
    else if (role === 'site_manager' && scope && /^[0-9a-f-]{36}$/i.test(scope))
      grants.push({ role, siteId: scope.toLowerCase(), regionCode: null });
  }
  return grants;
}

/**
 * Staff sign-in through the group's OpenID Connect provider: authorisation code flow with PKCE, state and
 * nonce (openid-client). The person is matched by their verified address to a staff account, or one is
 * created when the role claim names a staff role; an organisation's members keep their passwords.
 */
@Injectable()
export class OidcService {
  private readonly log = new Logger(OidcService.name);
  private discovered: Promise<oidc.Configuration> | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly accounts: AccountsService,
    private readonly sites: SitesService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly geography: GeographyService,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get enabled(): boolean {
    return this.config.oidc !== null;
  }

  /** 404 where no provider is configured. */
  requireEnabled(): void {
    this.settings();
  }

  private settings(): OidcConfig {
    if (!this.config.oidc) throw new DomainException('NOT_FOUND', 404, 'NOT_FOUND.oidc');
    return this.config.oidc;
  }

  /** The provider's metadata, fetched once; a failed discovery is tried again at the next sign-in. */
  private configuration(): Promise<oidc.Configuration> {
    const s = this.settings();
    if (!this.discovered) {
      const issuer = new URL(s.issuer);
      // Plain HTTP only to a provider on this machine (the tests' own); anything else must be HTTPS.
      const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
      this.discovered = oidc
        .discovery(
          issuer,
          s.clientId,
          { redirect_uris: [s.redirectUri], response_types: ['code'] },
          oidc.ClientSecretBasic(s.clientSecret),
          loopback && issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : undefined,
        )
        .catch((err) => {
          this.discovered = null;
          throw err;
        });
    }
    return this.discovered;
  }

  /** Where to send the browser, and the signed flow cookie to set beside it. */
  async start(): Promise<{ url: string; flow: string }> {
    const s = this.settings();
    let config: oidc.Configuration;
    try {
      config = await this.configuration();
    } catch (err) {
      this.log.warn(`OpenID Connect discovery failed: ${(err as Error).message}`);
      throw new DomainException('SERVICE_UNAVAILABLE', 503, 'SERVICE_UNAVAILABLE.oidc');
    }
    const verifier = oidc.randomPKCECodeVerifier();
    const claims: FlowClaims = {
      typ: 'oidc_flow',
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier,
    };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: s.redirectUri,
      scope: s.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: claims.state,
      nonce: claims.nonce,
    });
    const flow = await this.jwt.signAsync(claims, { expiresIn: FLOW_MINUTES * 60 });
    return { url: url.href, flow };
  }

  /**
   * The provider sent the person back: the code is exchanged, the ID token checked (signature, issuer,
   * audience, nonce), and the person signed in as the password login would. Refusals raise `OidcRefused`.
   */
  async callback(currentUrl: URL, flowCookie: string | undefined, client: ClientInfo): Promise<SignedIn> {
    const s = this.settings();
    const address = pseudonymise(client.ip, this.config.jwtSecret);
    let flow: FlowClaims;
    try {
      flow = await this.jwt.verifyAsync<FlowClaims>(flowCookie ?? '');
      if (flow.typ !== 'oidc_flow') throw new Error('not a flow token');
    } catch {
      throw new OidcRefused('OIDC_FAILED', 'no sign-in in progress (flow cookie missing or expired)');
    }
    let claims: oidc.IDToken;
    try {
      const config = await this.configuration();
      // The callback URL as the provider built it: our configured redirect URI plus the query received.
      const url = new URL(s.redirectUri);
      url.search = currentUrl.search;
      const tokens = await oidc.authorizationCodeGrant(config, url, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims()!;
    } catch (err) {
      await this.refusalAudit(null, 'OIDC_FAILED', address, { error: (err as Error).message.slice(0, 200) });
      throw new OidcRefused('OIDC_FAILED', (err as Error).message);
    }
    const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : null;
    if (!email || claims.email_verified !== true) {
      await this.refusalAudit(null, 'OIDC_EMAIL_UNVERIFIED', address, { subject: claims.sub });
      throw new OidcRefused('OIDC_EMAIL_UNVERIFIED', 'the provider did not vouch for the address');
    }
    const grants = await this.existingScopes(parseRoleClaim(claims[s.roleClaim]));
    const match = () => this.db.transaction((em) => this.matchOrCreate(em, email, claims, grants));
    // Two first sign-ins of one person at once: the second insert meets the first's account, matched then.
    const matched = await match().catch((err) => {
      if (sqlState(err) === '23505') return match();
      throw err;
    });
    if ('refused' in matched) {
      // Recorded once the transaction is over: the embedded database has a single connection.
      await this.refusalAudit(matched.userId, matched.refused, address, { subject: claims.sub });
      throw new OidcRefused(matched.refused, matched.refused);
    }
    return this.auth.startSession(matched.userId, client, 'oidc');
  }

  private async matchOrCreate(
    em: EntityManager,
    email: string,
    claims: oidc.IDToken,
    grants: ClaimedGrant[],
  ): Promise<{ userId: string } | { refused: OidcRefusal; userId: string | null }> {
    const existing = await this.accounts.forOidc(em, email);
    if (existing) {
      // An organisation's people keep their passwords: the group's provider speaks for staff only.
      if (existing.organisationId !== null || !existing.staff) {
        return { refused: 'OIDC_ORGANISATION_MEMBER', userId: existing.id };
      }
      if (existing.deactivated) return { refused: 'OIDC_DEACTIVATED', userId: existing.id };
      return { userId: existing.id };
    }
    if (grants.length === 0) return { refused: 'OIDC_NO_ROLE', userId: null };
    const name =
      typeof claims.name === 'string' && claims.name.trim()
        ? claims.name.trim().slice(0, 120)
        : email.split('@')[0];
    // No usable password: the person signs in through the provider (or sets one by a reset link).
    const id = await this.accounts.create(em, {
      email,
      passwordHash: await hashPassword(randomUUID()),
      displayName: name,
    });
    for (const g of grants) await this.accounts.grant(em, id, g.role, g);
    await this.audit.record(em, {
      actorId: id,
      entity: 'user',
      entityId: id,
      action: 'created_by_oidc',
      changes: { subject: claims.sub, roles: grants.map(formatGrant) },
    });
    return { userId: id };
  }

  /** The claimed grants whose site or region exists. */
  private async existingScopes(grants: ClaimedGrant[]): Promise<ClaimedGrant[]> {
    const kept: ClaimedGrant[] = [];
    for (const g of grants) {
      if (g.siteId && !(await this.sites.allExist([g.siteId]))) continue;
      if (g.regionCode && !this.geography.departements(g.regionCode)) continue;
      if (kept.some((k) => k.role === g.role && k.siteId === g.siteId && k.regionCode === g.regionCode))
        continue;
      kept.push(g);
    }
    return kept;
  }

  private async refusalAudit(
    userId: string | null,
    code: OidcRefusal,
    address: string,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    await this.audit.record(this.db.manager, {
      actorId: userId,
      entity: 'user',
      entityId: userId ?? '00000000-0000-0000-0000-000000000000',
      action: 'sign_in_failed',
      changes: { address, via: 'oidc', reason: code, ...extra },
    });
  }
}
