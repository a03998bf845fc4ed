/**
 * Every way a request can fail, as one closed set. Callers switch on `kind`;
 * nothing in the product matches on message text.
 */
export type ErrorKind =
  | 'rate_limited'
  | 'overloaded'
  | 'timeout'
  | 'server'
  | 'network'
  | 'invalid_response'
  | 'auth'
  | 'permission'
  | 'not_found'
  | 'bad_request'
  | 'context_overflow'
  | 'content_filter'
  | 'quota_exhausted'
  | 'cancelled'
  | 'budget_exceeded'
  | 'no_deployment_available'
  /** No deployment of the alias (and its fallbacks) has a capability the request needs (tools, vision, json_schema...). */
  | 'unsupported'
  | 'invalid_config';

/** Kinds worth trying again on the same deployment (after a delay). */
const RETRYABLE: ReadonlySet<ErrorKind> = new Set<ErrorKind>([
  'rate_limited',
  'overloaded',
  'timeout',
  'server',
  'network',
  'invalid_response',
]);

export function isRetryableKind(kind: ErrorKind): boolean {
  return RETRYABLE.has(kind);
}

/** Which phase of an attempt a timeout fired in. */
export type TimeoutPhase = 'connect' | 'first_token' | 'idle' | 'deadline';
