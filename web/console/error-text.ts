import type { TFunction } from 'i18next';
import { ApiError } from './api.client.ts';

/** A plain-language message for an API error that has no more specific handling. */
export function errorText(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('common.error');
  if (error.code === 'network_error') return t('common.network');
  if (error.status === 403) return t('common.forbidden');
  if (error.status === 404) return t('common.notFound');
  if (error.status === 423) return t('login.lockedNoTime');
  if (error.status === 429) return t('common.tooMany');
  if (error.status === 400 || error.status === 422) return t('common.validation', { message: error.message });
  return error.requestId ? t('common.errorWithId', { requestId: error.requestId }) : t('common.error');
}

/**
 * The server's own Dutch message for a refusal the user can act on (a rule said no: 400 with a
 * module code, 403 from a data rule, 409), else the plain-language text for the status.
 */
export function refusalText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError && [400, 403, 409].includes(error.status) && error.message && error.code !== 'validation_failed' && error.code !== 'forbidden') return error.message;
  return errorText(t, error);
}
