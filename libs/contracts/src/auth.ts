import { z } from './common';

export const ROLES = ['member', 'org_admin', 'site_manager', 'delegate', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const LoginRequest = z
  .strictObject({
    email: z.email({ message: 'Adresse e-mail attendue' }).max(254),
    password: z.string().min(1, 'Le mot de passe est obligatoire').max(200),
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
