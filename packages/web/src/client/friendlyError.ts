import type { Translator } from '@kuulo/viz';
import { ApiError } from './apiClient';

/**
 * A failed call in words for readers of a page that cannot act on the server's own message (the report):
 * the catalog's message for a known code or a lost connection, else a general one. Never the raw API text.
 */
export function friendlyError(error: unknown, t: Translator): string {
  if (error instanceof ApiError && t.has(`error.${error.code}`)) return t.t(`error.${error.code}`);
  if (error instanceof TypeError) return t.t('error.network');
  return t.t('error.unexpected');
}
