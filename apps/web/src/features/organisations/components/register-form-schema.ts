import type { TFunction } from 'i18next';
import { z } from '../../../lib/zod';
import {
  ESUS_APPROVAL_YEARS,
  LEGAL_FORMS,
  checkRna,
  checkSiret,
  normaliseSiret,
  type LegalForm,
} from '@lieux/contracts';
import type { RegisterOrganisationInput } from '../api/register-organisation';

/**
 * The shared request's rules, flattened for the form, with messages in the current language. The SIRET
 * and RNA checks are the API's own, in the language the page set for the shared messages.
 */
export function registerFormSchema(t: TFunction) {
  return z
    .object({
      name: z.string().trim().min(2, t('register.errors.name')).max(200, t('register.errors.tooLong')),
      siret: z.string().max(40, t('register.errors.tooLong')),
      legalForm: z.union([z.enum(LEGAL_FORMS), z.literal('')]),
      rna: z.string().max(20, t('register.errors.tooLong')),
      esusApprovedOn: z.string(),
      address: z.string().trim().min(3, t('register.errors.address')).max(300, t('register.errors.tooLong')),
      communeCode: z.string(),
      postcode: z.string(),
      communeName: z.string(),
      displayName: z
        .string()
        .trim()
        .min(2, t('register.errors.displayName'))
        .max(100, t('register.errors.tooLong')),
      email: z.email({ error: t('register.errors.email') }).max(254, t('register.errors.email')),
      password: z.string().min(10, t('register.errors.password')).max(200, t('register.errors.tooLong')),
    })
    .superRefine((v, ctx) => {
      const siret = checkSiret(v.siret);
      if (!siret.valid) ctx.addIssue({ code: 'custom', path: ['siret'], message: siret.message });
      if (!v.legalForm)
        ctx.addIssue({ code: 'custom', path: ['legalForm'], message: t('register.errors.legalForm') });
      if (v.legalForm === 'association') {
        const rna = checkRna(v.rna);
        if (!rna.valid) ctx.addIssue({ code: 'custom', path: ['rna'], message: rna.message });
      }
      if (v.legalForm === 'esus_company' && !/^\d{4}-\d{2}-\d{2}$/.test(v.esusApprovedOn)) {
        ctx.addIssue({
          code: 'custom',
          path: ['esusApprovedOn'],
          message: t('register.errors.esusApprovedOn'),
        });
      }
      if (!v.communeCode) {
        ctx.addIssue({ code: 'custom', path: ['communeCode'], message: t('register.errors.commune') });
      }
    });
}

export type RegisterFormValues = z.infer<ReturnType<typeof registerFormSchema>>;

/** Where each field error of a 400 answer goes in the form. */
export const FIELD_OF: Record<string, keyof RegisterFormValues> = {
  'organisation.name': 'name',
  'organisation.siret': 'siret',
  'organisation.legalForm': 'legalForm',
  'organisation.rna': 'rna',
  'organisation.esusApprovedOn': 'esusApprovedOn',
  'organisation.address': 'address',
  'organisation.postcode': 'communeCode',
  'organisation.communeCode': 'communeCode',
  'admin.displayName': 'displayName',
  'admin.email': 'email',
  'admin.password': 'password',
};

export function toRegisterRequest(v: RegisterFormValues): RegisterOrganisationInput {
  const legalForm = v.legalForm as LegalForm;
  return {
    organisation: {
      name: v.name.trim(),
      siret: normaliseSiret(v.siret),
      legalForm,
      ...(legalForm === 'association' ? { rna: v.rna.trim().toUpperCase() } : {}),
      ...(legalForm === 'esus_company' ? { esusApprovedOn: v.esusApprovedOn } : {}),
      address: v.address.trim(),
      postcode: v.postcode,
      communeCode: v.communeCode,
    },
    admin: { displayName: v.displayName.trim(), email: v.email.trim(), password: v.password },
  };
}

/** The last day of an ESUS approval granted on `approvedOn` (`YYYY-MM-DD`): five years later. */
export function esusExpiry(approvedOn: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(approvedOn);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]) + ESUS_APPROVAL_YEARS, Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  // Like PostgreSQL's interval arithmetic (the API's): 29 February becomes 28 February.
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return new Date(Date.UTC(year, month - 1, Math.min(day, lastDay))).toISOString().slice(0, 10);
}
