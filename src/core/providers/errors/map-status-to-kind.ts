import { ErrorKind } from '../../model/error-kind';

/** The kind an HTTP status means before the body is consulted. */
export function mapStatusToKind(status: number): ErrorKind {
  if (status === 400 || status === 422) return 'bad_request';
  if (status === 401) return 'auth';
  if (status === 402) return 'quota_exhausted';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 408) return 'timeout';
  if (status === 409) return 'server';
  if (status === 413) return 'context_overflow';
  if (status === 429) return 'rate_limited';
  if (status === 529 || status === 503) return 'overloaded';
  if (status >= 500) return 'server';
  return 'bad_request';
}
