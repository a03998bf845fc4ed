import { ErrorKind } from '../../model/error-kind';
import { mapStatusToKind } from '../errors/map-status-to-kind';

/**
 * Anthropic's error `type` values, for errors that arrive without an HTTP
 * status (the in-band `error` event of a 200 stream).
 * @see https://docs.anthropic.com/en/api/errors#http-errors
 */
const KIND_BY_TYPE: Readonly<Record<string, ErrorKind>> = {
  invalid_request_error: 'bad_request',
  authentication_error: 'auth',
  billing_error: 'quota_exhausted',
  permission_error: 'permission',
  not_found_error: 'not_found',
  request_too_large: 'context_overflow',
  rate_limit_error: 'rate_limited',
  timeout_error: 'timeout',
  api_error: 'server',
  overloaded_error: 'overloaded',
};

/**
 * Anthropic gives no machine code for these two 400s, only the message, so
 * this is the one place that reads message text (wording from real answers).
 * @see https://docs.anthropic.com/en/api/errors
 */
const PROMPT_TOO_LONG = /prompt is too long/i;
const CREDIT_TOO_LOW = /credit balance is too low/i;

/**
 * The kind of an Anthropic error from its HTTP status (if any), its body's
 * `error.type` and message. 529 and `overloaded_error` are `overloaded`
 * whatever else is said (a 529 is not a 5xx server fault to fail over on).
 * @see https://docs.anthropic.com/en/api/errors
 */
export function mapAnthropicErrorKind(status: number | undefined, type: string | undefined, message: string): ErrorKind {
  if (status === 529 || type === 'overloaded_error') return 'overloaded';
  if (CREDIT_TOO_LOW.test(message) || type === 'billing_error') return 'quota_exhausted';
  if ((status === 400 || status === 413 || status === undefined) && PROMPT_TOO_LONG.test(message)) return 'context_overflow';
  if (status !== undefined) return mapStatusToKind(status);
  return (type !== undefined ? KIND_BY_TYPE[type] : undefined) ?? 'server';
}
