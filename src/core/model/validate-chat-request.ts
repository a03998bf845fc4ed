import { ChatRequest } from './chat-request';
import { badField as bad, isPlainRecord as isRecord } from './request-field-error';
import { validateChatMessages } from './validate-chat-messages';
import { validateProviderOptions, validateResponseFormat, validateToolChoice, validateTools } from './validate-chat-tools';

/** Every field an adapter sends (or the core reads); anything else would be dropped silently. */
const SUPPORTED_FIELDS: readonly (keyof ChatRequest)[] = [
  'model',
  'messages',
  'temperature',
  'top_p',
  'max_tokens',
  'stop',
  'seed',
  'presence_penalty',
  'frequency_penalty',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'response_format',
  'provider_options',
  'cache',
];
const SUPPORTED = new Set<string>(SUPPORTED_FIELDS);
/** Fields validated (and copied) on their own below. */
const CHECKED_APART: ReadonlySet<string> = new Set(['model', 'messages', 'tools', 'tool_choice', 'response_format', 'provider_options']);

function optionalNumber(raw: Record<string, unknown>, key: string, min: number, max: number): void {
  const v = raw[key];
  if (v === undefined) return;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw bad(`"${key}" must be a number between ${min} and ${max}; got ${JSON.stringify(v)}.`);
  }
}

/**
 * Checks an untrusted request (from a script, the webview or a command) and
 * returns it typed. Throws `bad_request` naming the field and what to change.
 */
export function validateChatRequest(raw: unknown): ChatRequest {
  if (!isRecord(raw)) throw bad('The request must be an object like { model, messages }.');
  // A field answered as if it had been sent would look like success: refuse what is not sent.
  const unknown = Object.keys(raw).find((k) => !SUPPORTED.has(k) && raw[k] !== undefined);
  if (unknown !== undefined) {
    throw bad(`"${unknown}" is not supported by Switchboard requests. Supported fields: ${SUPPORTED_FIELDS.join(', ')}.`);
  }
  if (typeof raw.model !== 'string' || raw.model.trim() === '') {
    throw bad('"model" must be a non-empty alias name or deployment id.');
  }
  const messages = validateChatMessages(raw.messages);
  optionalNumber(raw, 'temperature', 0, 2);
  optionalNumber(raw, 'top_p', 0, 1);
  optionalNumber(raw, 'max_tokens', 1, 10_000_000);
  optionalNumber(raw, 'presence_penalty', -2, 2);
  optionalNumber(raw, 'frequency_penalty', -2, 2);
  if (raw.max_tokens !== undefined && !Number.isInteger(raw.max_tokens)) throw bad('"max_tokens" must be an integer.');
  if (raw.seed !== undefined && !Number.isInteger(raw.seed)) throw bad('"seed" must be an integer.');
  const stop = raw.stop;
  if (stop !== undefined && typeof stop !== 'string' && !(Array.isArray(stop) && stop.every((s) => typeof s === 'string'))) {
    throw bad('"stop" must be a string or an array of strings.');
  }
  if (raw.parallel_tool_calls !== undefined && typeof raw.parallel_tool_calls !== 'boolean') throw bad('"parallel_tool_calls" must be true or false.');
  // One loop instead of rest/entries/filter/fromEntries: this runs on every request. Built by assignment, not as
  // `{ ...supported, model, messages }`: on Node 20 that literal made a fresh hidden class for every request, and every
  // stage's first read of a field then missed V8's inline caches (issue 15; see extend.ts).
  const fields: Record<string, unknown> = {};
  for (const k of Object.keys(raw)) {
    const v = raw[k];
    if (v !== undefined && !CHECKED_APART.has(k)) fields[k] = v;
  }
  fields.model = raw.model;
  fields.messages = messages;
  const request = fields as unknown as ChatRequest;
  if (raw.tools !== undefined) request.tools = validateTools(raw.tools);
  if (raw.tool_choice !== undefined) request.tool_choice = validateToolChoice(raw.tool_choice, request.tools);
  if (raw.response_format !== undefined) request.response_format = validateResponseFormat(raw.response_format);
  if (raw.provider_options !== undefined) request.provider_options = validateProviderOptions(raw.provider_options);
  if (request.parallel_tool_calls !== undefined && (request.tools ?? []).length === 0) throw bad('"parallel_tool_calls" applies only with "tools"; remove it or add the tools.');
  const calls = messages.some((m) => m.role === 'assistant' && (m.tool_calls ?? []).length > 0);
  if (calls && (request.tools ?? []).length === 0) throw bad('The conversation has assistant "tool_calls" but "tools" is empty; send the same "tools" as in the request that produced them.');
  return request;
}
