import type { TFunction } from 'i18next';
import { ApiError } from './api-client';

/** Refusals whose figures only the API knows (the limit, what is left): its own words, in the page's language. */
const SAID_BY_THE_API = new Set(['QUOTA_EXCEEDED', 'QUOTA_EXISTS']);

/** The person-facing message of any failure, keyed on the API's stable code, in the current language. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError && SAID_BY_THE_API.has(error.code) && error.detail) return error.detail;
  if (error instanceof ApiError) return t(`errors.${error.code}`, { defaultValue: t('errors.UNKNOWN') });
  return t('errors.UNKNOWN');
}

/** The API's own message for one field of a refused request (`body.password`), already in the page's language. */
export function fieldMessage(error: unknown, path: string): string | undefined {
  return error instanceof ApiError ? error.errors.find((e) => e.path === path)?.message : undefined;
}
