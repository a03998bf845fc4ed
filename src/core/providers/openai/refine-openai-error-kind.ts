import { ErrorKind } from '../../model/error-kind';
import { mapStatusToKind } from '../errors/map-status-to-kind';
import { OpenAIErrorInfo } from './read-openai-error-body';

const QUOTA_CODES = new Set(['insufficient_quota', 'billing_hard_limit_reached', 'billing_not_active']);
const CONTEXT_CODES = new Set(['context_length_exceeded', 'string_above_max_length', 'request_too_large']);
const FILTER_CODES = new Set(['content_filter', 'content_policy_violation', 'ResponsibleAIPolicyViolation']);
const OVERLOADED_CODES = new Set(['overloaded', 'overloaded_error', 'engine_overloaded', 'UNAVAILABLE']);
const RATE_CODES = new Set(['rate_limit_exceeded', 'rate_limit_error', 'RESOURCE_EXHAUSTED', 'tokens']);
const SERVER_CODES = new Set(['server_error', 'api_error', 'internal_error', 'INTERNAL']);

const CONTEXT_TEXT = /maximum context length|context length|context window|too many tokens|prompt is too long|reduce the length of the (messages|prompt)/i;
const QUOTA_TEXT = /credit balance is too low|exceeded your current quota/i;

/**
 * The error kind from the HTTP status, refined by what the body says: quota
 * and context-window errors arrive as 429/400 and must not be retried like
 * rate limits or bad requests. `status` is undefined for an error chunk inside
 * a 200 stream, where the body alone decides (default `server`).
 * @see https://platform.openai.com/docs/guides/error-codes/api-errors
 * @see https://learn.microsoft.com/azure/ai-services/openai/concepts/content-filter
 */
export function refineOpenAIErrorKind(status: number | undefined, info: OpenAIErrorInfo): ErrorKind {
  const codes = info.codes;
  const has = (set: ReadonlySet<string>): boolean => codes.some((c) => set.has(c));
  const message = info.message ?? '';
  if (has(QUOTA_CODES) || QUOTA_TEXT.test(message)) return 'quota_exhausted';
  if (has(CONTEXT_CODES)) return 'context_overflow';
  if (has(FILTER_CODES)) return 'content_filter';
  // Message text only decides where the status leaves room: a 429 saying "too many tokens" is a rate limit.
  if ((status === undefined || status === 400 || status === 413 || status === 422) && CONTEXT_TEXT.test(message)) return 'context_overflow';
  if (status !== undefined) return mapStatusToKind(status);
  if (has(RATE_CODES)) return 'rate_limited';
  if (has(OVERLOADED_CODES)) return 'overloaded';
  if (has(SERVER_CODES)) return 'server';
  const numeric = codes.map(Number).find((n) => Number.isInteger(n) && n >= 400 && n < 600);
  return numeric !== undefined ? mapStatusToKind(numeric) : 'server';
}
