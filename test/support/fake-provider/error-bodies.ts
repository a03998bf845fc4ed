/**
 * Realistic error bodies per wire format. Texts come from captures listed in
 * /work/shared/fixtures/wire/errors.md where one exists; 5xx bodies (never
 * captured) follow the providers' documented shapes.
 */
import type { ErrorBehaviour, ErrorPreset, WireFormat } from './types';

export interface ResolvedError {
  status: number;
  headers: Record<string, string>;
  /** Exact bytes of the body. */
  body: string;
}

type OpenAiError = { message: string; type: string | null; param: string | null; code: string | null } & Record<string, unknown>;
type AnthropicError = { type: string; message: string };

function openaiPreset(p: ErrorPreset, b: ErrorBehaviour, status: number): OpenAiError {
  switch (p) {
    case 'rate_limited':
      return {
        message:
          'Rate limit reached for gpt-4o-mini in organization org-fake on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in 120ms. Visit https://platform.openai.com/account/rate-limits to learn more.',
        type: 'requests',
        param: null,
        code: 'rate_limit_exceeded',
      };
    case 'server_error':
    case 'overloaded':
      return status === 503 || p === 'overloaded'
        ? { message: 'The engine is currently overloaded, please try again later', type: 'server_error', param: null, code: null }
        : { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', param: null, code: null };
    case 'unauthorized':
      return {
        message: 'Incorrect API key provided: sk-fake********1234. You can find your API key at https://platform.openai.com/account/api-keys.',
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_api_key',
      };
    case 'forbidden':
      return { message: 'Country, region, or territory not supported', type: 'request_forbidden', param: null, code: 'unsupported_country_region_territory' };
    case 'not_found':
      return { message: 'The model `does-not-exist` does not exist or you do not have access to it.', type: 'invalid_request_error', param: null, code: 'model_not_found' };
    case 'bad_request':
      return { message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", type: 'invalid_request_error', param: 'max_tokens', code: 'unsupported_parameter' };
    case 'context_overflow':
      return {
        message: `This model's maximum context length is ${b.maxTokens ?? 128000} tokens. However, your messages resulted in ${b.promptTokens ?? 130000} tokens. Please reduce the length of the messages.`,
        type: 'invalid_request_error',
        param: 'messages',
        code: 'context_length_exceeded',
      };
    case 'insufficient_quota':
      return {
        message:
          'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
        type: 'insufficient_quota',
        param: null,
        code: 'insufficient_quota',
      };
    case 'content_filter':
      return {
        message:
          "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766",
        type: null,
        param: 'prompt',
        code: 'content_filter',
        status: 400,
        innererror: {
          code: 'ResponsibleAIPolicyViolation',
          content_filter_result: {
            hate: { filtered: false, severity: 'safe' },
            jailbreak: { filtered: false, detected: false },
            self_harm: { filtered: false, severity: 'safe' },
            sexual: { filtered: false, severity: 'safe' },
            violence: { filtered: true, severity: 'medium' },
          },
        },
      };
  }
}

function anthropicPreset(p: ErrorPreset, b: ErrorBehaviour): AnthropicError {
  switch (p) {
    case 'rate_limited':
      return { type: 'rate_limit_error', message: 'Rate limited' };
    case 'server_error':
      return { type: 'api_error', message: 'Internal server error' };
    case 'overloaded':
      return { type: 'overloaded_error', message: 'Overloaded' };
    case 'unauthorized':
      return { type: 'authentication_error', message: 'invalid x-api-key' };
    case 'forbidden':
      return { type: 'permission_error', message: 'Your API key does not have permission to use the specified resource.' };
    case 'not_found':
      return { type: 'not_found_error', message: 'model: does-not-exist' };
    case 'bad_request':
      return { type: 'invalid_request_error', message: 'max_tokens: Field required' };
    case 'context_overflow':
      return { type: 'invalid_request_error', message: `prompt is too long: ${b.promptTokens ?? 215000} tokens > ${b.maxTokens ?? 200000} maximum` };
    case 'insufficient_quota':
      return {
        type: 'invalid_request_error',
        message: 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.',
      };
    case 'content_filter':
      return { type: 'invalid_request_error', message: 'Output blocked by content filtering policy' };
  }
}

const DEFAULT_STATUS: Record<ErrorPreset, number> = {
  rate_limited: 429,
  server_error: 500,
  overloaded: 529,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  bad_request: 400,
  context_overflow: 400,
  insufficient_quota: 429,
  content_filter: 400,
};

function presetFor(status: number): ErrorPreset {
  if (status === 429) return 'rate_limited';
  if (status === 529) return 'overloaded';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status >= 500) return 'server_error';
  return 'bad_request';
}

function statusOf(b: ErrorBehaviour, format: WireFormat): number {
  if (b.status !== undefined) return b.status;
  if (b.preset === 'insufficient_quota' && format === 'anthropic') return 400;
  return b.preset === undefined ? 500 : DEFAULT_STATUS[b.preset];
}

/** Status, headers (without request id) and exact body bytes for an error behaviour. */
export function resolveError(b: ErrorBehaviour, format: WireFormat, requestId: string): ResolvedError {
  const status = statusOf(b, format);
  const headers = { ...(b.headers ?? {}) };
  if (b.body !== undefined) {
    return { status, headers, body: typeof b.body === 'string' ? b.body : JSON.stringify(b.body) };
  }
  const preset = b.preset ?? presetFor(status);
  if (format === 'anthropic') {
    const body = { type: 'error', error: anthropicPreset(preset, b), request_id: requestId };
    return { status, headers, body: JSON.stringify(body) };
  }
  // OpenAI pretty-prints error bodies with a trailing newline (errors.md).
  return { status, headers, body: `${JSON.stringify({ error: openaiPreset(preset, b, status) }, null, 2)}\n` };
}
