import { z, CalendarDate, Uuid } from './common';
import { ROLES, RoleGrant } from './auth';
import { msg } from './messages';

/** A person as the console names them. */
export const AuditPerson = z
  .object({ id: z.uuid(), displayName: z.string(), email: z.string() })
  .openapi('AuditPerson');
export type AuditPerson = z.infer<typeof AuditPerson>;

/**
 * What an entry is about, resolved when it is read: a person (name and address), a site, a space (with its
 * site), an organisation, a booking or a series (its space, site and period in the site's zone). Null
 * when the object is gone (a deleted account).
 */
export const AuditSubject = z
  .object({
    name: z.string().nullable(),
    email: z.string().nullable(),
    siteId: z.uuid().nullable(),
    siteName: z.string().nullable(),
    spaceId: z.uuid().nullable(),
    spaceName: z.string().nullable(),
    start: z.string().nullable(),
    end: z.string().nullable(),
    timeZone: z.string().nullable(),
  })
  .openapi('AuditSubject');
export type AuditSubject = z.infer<typeof AuditSubject>;

export const AuditEntry = z
  .object({
    id: z.string(),
    at: z.string(),
    actorId: z.string().nullable(),
    actor: AuditPerson.nullable(),
    entity: z.string(),
    entityId: z.string(),
    action: z.string(),
    changes: z.record(z.string(), z.unknown()),
    subject: AuditSubject.nullable(),
    /** Names of the people, sites, spaces and organisations whose ids the changes mention. */
    names: z.record(z.string(), z.string()),
  })
  .openapi('AuditEntry');
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = z
  .object({ items: z.array(AuditEntry), nextCursor: z.string().nullable() })
  .openapi('AuditPage');
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditQuery = z
  .object({
    /** Who: part of a name or of an e-mail address of the person who acted. */
    actor: z.string().trim().max(200).optional(),
    /** What: the kind of object (`booking`, `space`…) and, within it, the action (`cancel`…). */
    entity: z.string().max(40).optional(),
    action: z.string().max(60).optional(),
    /** When: days in Paris time, both included. */
    from: CalendarDate.optional(),
    to: CalendarDate.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .openapi('AuditQuery');
export type AuditQuery = z.infer<typeof AuditQuery>;

/** A role grant with the name of its site, for the accounts list. */
export const AccountGrant = RoleGrant.extend({ siteName: z.string().nullable() }).openapi('AccountGrant');
export type AccountGrant = z.infer<typeof AccountGrant>;

export const Account = z
  .object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    organisation: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    roles: z.array(AccountGrant),
    createdAt: z.string(),
    deactivatedAt: z.string().nullable(),
    /** Invited and has not chosen a password yet: the invitation may be sent again. */
    invitationPending: z.boolean(),
    lastSignInAt: z.string().nullable(),
  })
  .openapi('Account');
export type Account = z.infer<typeof Account>;

export const AccountPage = z
  .object({ items: z.array(Account), nextCursor: z.string().nullable() })
  .openapi('AccountPage');

export const AccountQuery = z
  .object({
    q: z.string().trim().max(200).optional(),
    role: z.enum(ROLES).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().max(300).optional(),
  })
  .openapi('AccountQuery');
export type AccountQuery = z.infer<typeof AccountQuery>;

export const AccountParams = z.object({ id: Uuid });

/**
 * The staff roles a person holds from now on, replacing those they held: manager of some sites, delegate
 * of one région, admin. The roles held in an organisation (member, its admin) are the organisation's
 * business and stay as they are.
 */
export const SetRolesRequest = z
  .strictObject({
    siteIds: z.array(Uuid).max(200).default([]),
    regionCode: z
      .string()
      .regex(/^\d{2}$/, { error: msg('region.code') })
      .nullable()
      .default(null),
    admin: z.boolean().default(false),
  })
  .openapi('SetRolesRequest');
export type SetRolesRequest = z.infer<typeof SetRolesRequest>;
