import { z, DisplayName, Password, Uuid } from './common';
import { msg, text } from './messages';

export const ROLES = ['member', 'org_admin', 'site_manager', 'delegate', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const LoginRequest = z
  .strictObject({
    email: z.email({ error: msg('email.format') }).max(254),
    password: z
      .string()
      .min(1, { error: msg('password.required') })
      .max(200),
  })
  .openapi('LoginRequest');
export type LoginRequest = z.infer<typeof LoginRequest>;

export const RoleGrant = z
  .object({
    role: Role,
    organisationId: z.uuid().nullable(),
    siteId: z.uuid().nullable(),
    regionCode: z.string().nullable(),
  })
  .openapi('RoleGrant');
export type RoleGrant = z.infer<typeof RoleGrant>;

export const User = z
  .object({
    id: z.uuid(),
    email: z.email(),
    displayName: z.string(),
    locale: z.enum(['fr', 'en']),
    organisation: z
      .object({ id: z.uuid(), name: z.string(), verification: z.enum(['pending', 'verified', 'rejected']) })
      .nullable(),
    roles: z.array(RoleGrant),
  })
  .openapi('User');
export type User = z.infer<typeof User>;

export const LoginResponse = z
  .object({ accessToken: z.string(), expiresIn: z.number().int(), user: User })
  .openapi('LoginResponse');
export type LoginResponse = z.infer<typeof LoginResponse>;

export const Session = z
  .object({
    id: z.uuid(),
    createdAt: z.string(),
    lastUsedAt: z.string(),
    userAgent: z.string().nullable(),
    current: z.boolean(),
  })
  .openapi('Session');
export const SessionList = z.object({ items: z.array(Session) }).openapi('SessionList');
export const SessionParams = z.object({ id: Uuid });

/** The token of an e-mailed link (password reset, invitation). */
const LinkToken = z
  .string()
  .min(20, { error: msg('link.invalid') })
  .max(200);

export const PasswordResetRequest = z
  .strictObject({ email: z.email({ error: msg('email.format') }).max(254) })
  .openapi('PasswordResetRequest');

export const SetPasswordRequest = z
  .strictObject({
    token: LinkToken,
    password: Password,
  })
  .openapi('SetPasswordRequest');

export const AcceptInvitationRequest = z
  .strictObject({
    token: LinkToken,
    displayName: DisplayName,
    password: Password,
  })
  .openapi('AcceptInvitationRequest');

export const STAFF_ROLES = ['site_manager', 'delegate', 'admin'] as const;

export const CreateUserRequest = z
  .strictObject({
    email: z.email({ error: msg('email.format') }).max(254),
    displayName: DisplayName,
    role: z.enum(STAFF_ROLES),
    siteIds: z.array(Uuid).max(200).optional(),
    regionCode: z
      .string()
      .regex(/^\d{2}$/, { error: msg('region.code') })
      .optional(),
  })
  .superRefine((u, ctx) => {
    if (u.role === 'site_manager' && !u.siteIds?.length) {
      ctx.addIssue({ code: 'custom', path: ['siteIds'], message: text('user.managerNeedsSite') });
    }
    if (u.role === 'delegate' && !u.regionCode) {
      ctx.addIssue({ code: 'custom', path: ['regionCode'], message: text('user.delegateNeedsRegion') });
    }
  })
  .openapi('CreateUserRequest');
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

export const PersonalData = z
  .object({ user: User, bookings: z.array(z.record(z.string(), z.unknown())), sessions: z.array(Session) })
  .openapi('PersonalData');

/** What an OpenID Connect provider sends back to the callback (other parameters, such as `iss`, pass). */
export const OidcCallbackQuery = z
  .looseObject({
    code: z.string().max(4096).optional(),
    state: z.string().max(1024).optional(),
    error: z.string().max(200).optional(),
  })
  .openapi('OidcCallbackQuery');
