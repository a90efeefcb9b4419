import { z, CalendarDate, DisplayName, Password, Uuid, page, pageQuery } from './common';
import { msg, text } from './messages';
import { Rna, Siret } from './identifiers';
import { LoginResponse } from './auth';

export const LEGAL_FORMS = [
  'association',
  'scop',
  'scic',
  'cae',
  'cooperative',
  'mutual',
  'foundation',
  'esus_company',
  'ess_company',
] as const;
export const LegalForm = z.enum(LEGAL_FORMS);
export type LegalForm = z.infer<typeof LegalForm>;

export const VERIFICATION_STATES = ['pending', 'verified', 'rejected'] as const;
export const Verification = z.enum(VERIFICATION_STATES);

/** ESUS approval lasts five years from the date it was granted. */
export const ESUS_APPROVAL_YEARS = 5;

export const Organisation = z
  .object({
    id: z.uuid(),
    name: z.string(),
    siret: z.string(),
    legalForm: LegalForm,
    rna: z.string().nullable(),
    esusApprovedOn: z.string().nullable(),
    esusExpiresOn: z.string().nullable(),
    esusExpired: z.boolean().nullable(),
    address: z.string(),
    postcode: z.string(),
    communeCode: z.string(),
    commune: z.string(),
    departementCode: z.string(),
    regionCode: z.string(),
    verification: Verification,
    verificationReason: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Organisation');
export type Organisation = z.infer<typeof Organisation>;

/** Who registered the organisation (its first admin still on the platform): whom a delegate asks. */
export const OrganisationContact = z
  .object({ displayName: z.string(), email: z.string() })
  .openapi('OrganisationContact');

/** An organisation as its delegate reviews it: with whom to contact about it. */
export const OrganisationUnderReview = Organisation.extend({
  contact: OrganisationContact.nullable(),
}).openapi('OrganisationUnderReview');
export type OrganisationUnderReview = z.infer<typeof OrganisationUnderReview>;

export const OrganisationPage = page(OrganisationUnderReview).openapi('OrganisationPage');

export const ORGANISATION_DECISIONS = ['verified', 'rejected', 'verification_withdrawn'] as const;

/** One decision on an organisation, as the audit log recorded it; `by` is null once its author left. */
export const OrganisationDecision = z
  .object({
    action: z.enum(ORGANISATION_DECISIONS),
    at: z.string(),
    by: z.string().nullable(),
    reason: z.string().nullable(),
  })
  .openapi('OrganisationDecision');
export type OrganisationDecision = z.infer<typeof OrganisationDecision>;

export const OrganisationDecisionList = z
  .object({ items: z.array(OrganisationDecision) })
  .openapi('OrganisationDecisionList');

export const OrganisationListQuery = z
  .object({ verification: Verification.optional(), ...pageQuery })
  .openapi('OrganisationListQuery');

export const OrganisationParams = z.object({ id: Uuid });

export const VerifyRequest = z.strictObject({}).openapi('VerifyRequest');
export const RejectRequest = z
  .strictObject({
    reason: z
      .string()
      .trim()
      .min(5, { error: msg('refusal.reasonRequired') })
      .max(1000),
  })
  .openapi('RejectRequest');

export const MemberRole = z.enum(['member', 'org_admin']);

export const InviteMemberRequest = z
  .strictObject({
    email: z.email({ error: msg('email.format') }).max(254),
    role: MemberRole.default('member'),
  })
  .openapi('InviteMemberRequest');

export const Member = z
  .object({ id: z.uuid(), email: z.string(), displayName: z.string(), role: MemberRole })
  .openapi('Member');
export const MemberList = z.object({ items: z.array(Member) }).openapi('MemberList');

export const Invitation = z
  .object({ id: z.uuid(), email: z.string(), role: z.string(), expiresAt: z.string() })
  .openapi('Invitation');

export const RegisterOrganisationRequest = z
  .strictObject({
    organisation: z.strictObject({
      name: z
        .string()
        .trim()
        .min(2, { error: msg('organisation.nameRequired') })
        .max(200),
      siret: Siret,
      legalForm: LegalForm,
      rna: Rna.optional(),
      esusApprovedOn: CalendarDate.optional(),
      address: z
        .string()
        .trim()
        .min(3, { error: msg('organisation.addressRequired') })
        .max(300),
      postcode: z.string().regex(/^\d{5}$/, { error: msg('postcode.format') }),
      communeCode: z
        .string()
        .regex(/^(\d{5}|2[AB]\d{3})$/, { error: msg('commune.codeLength') })
        .describe('INSEE code of the commune, from GET /communes'),
    }),
    admin: z.strictObject({
      displayName: DisplayName,
      email: z.email({ error: msg('email.format') }).max(254),
      password: Password,
    }),
  })
  .superRefine((r, ctx) => {
    if (r.organisation.legalForm === 'association' && !r.organisation.rna) {
      ctx.addIssue({
        code: 'custom',
        path: ['organisation', 'rna'],
        message: text('organisation.rnaRequired'),
      });
    }
    if (r.organisation.legalForm === 'esus_company' && !r.organisation.esusApprovedOn) {
      ctx.addIssue({
        code: 'custom',
        path: ['organisation', 'esusApprovedOn'],
        message: text('organisation.esusDateRequired'),
      });
    }
  })
  .openapi('RegisterOrganisationRequest');
export type RegisterOrganisationRequest = z.infer<typeof RegisterOrganisationRequest>;

export const RegisterOrganisationResponse = LoginResponse.extend({ organisation: Organisation }).openapi(
  'RegisterOrganisationResponse',
);
