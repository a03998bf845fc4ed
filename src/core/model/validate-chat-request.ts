import { ChatMessage, ChatRequest } from './chat-request';
import { SwitchboardError } from './switchboard-error';

const ROLES = new Set(['system', 'user', 'assistant']);

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
  'response_format',
  'cache',
];
const SUPPORTED = new Set<string>(SUPPORTED_FIELDS);

function bad(message: string): SwitchboardError {
  return new SwitchboardError({ kind: 'bad_request', message, retryable: false });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

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
  // A `tools` request answered as plain text would look like success: refuse what is not sent.
  const unknown = Object.keys(raw).find((k) => !SUPPORTED.has(k) && raw[k] !== undefined);
  if (unknown !== undefined) {
    throw bad(`"${unknown}" is not supported by Switchboard requests. Supported fields: ${SUPPORTED_FIELDS.join(', ')}.`);
  }
  if (typeof raw.model !== 'string' || raw.model.trim() === '') {
    throw bad('"model" must be a non-empty alias name or deployment id.');
  }
  if (!Array.isArray(raw.messages) || raw.messages.length === 0) {
    throw bad('"messages" must be a non-empty array of { role, content }.');
  }
  const messages: ChatMessage[] = raw.messages.map((m: unknown, i: number) => {
    if (!isRecord(m) || typeof m.role !== 'string' || !ROLES.has(m.role)) {
      throw bad(`messages[${i}].role must be "system", "user" or "assistant".`);
    }
    if (typeof m.content !== 'string') throw bad(`messages[${i}].content must be a string.`);
    return { role: m.role as ChatMessage['role'], content: m.content };
  });
  if (!messages.some((m) => m.role !== 'system')) {
    throw bad('"messages" needs at least one user or assistant message besides system prompts.');
  }
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
  if (raw.response_format !== undefined && !isRecord(raw.response_format)) {
    throw bad('"response_format" must be an object such as { "type": "json_object" }.');
  }
  const { model: _m, messages: _msgs, ...rest } = raw;
  const supported = Object.fromEntries(Object.entries(rest).filter(([k]) => SUPPORTED.has(k)));
  return { ...(supported as Omit<ChatRequest, 'model' | 'messages'>), model: raw.model, messages };
}
