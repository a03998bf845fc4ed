import { isRecord, stringAt } from './read-json-fields';

/** What an error body says, whatever shape the server used. */
export interface OpenAIErrorInfo {
  message?: string;
  /** `code`, else `type`, else Google's `status` (`insufficient_quota`, `context_length_exceeded`...). */
  code?: string;
  /** Every code-like string in the body, for classification. */
  codes: string[];
}

/**
 * Reads OpenAI's `{ error: { message, type, code } }` and the variants seen
 * from compatible servers: top-level `message` (Mistral), `detail` (FastAPI
 * servers such as vLLM), `error` as a plain string (Ollama), a one-element
 * array (Gemini's OpenAI endpoint), and Azure's `innererror.code`.
 * @see https://platform.openai.com/docs/guides/error-codes/api-errors
 * @see https://learn.microsoft.com/azure/ai-services/openai/concepts/content-filter#scenario-details
 */
export function readOpenAIErrorBody(body: unknown): OpenAIErrorInfo {
  const top = Array.isArray(body) ? body[0] : body;
  if (typeof top === 'string') return top.trim() === '' ? { codes: [] } : { message: top.trim(), codes: [] };
  if (!isRecord(top)) return { codes: [] };
  const errorField = top['error'];
  const inner = isRecord(errorField) ? errorField : top;
  const codes = [codeOf(inner['code']), stringAt(inner, 'type'), stringAt(inner, 'status'), stringAt(inner['innererror'], 'code')].filter(
    (c): c is string => c !== undefined && c !== '',
  );
  const message = stringAt(inner, 'message') ?? (typeof errorField === 'string' ? errorField : undefined) ?? detailOf(top['detail']);
  const info: OpenAIErrorInfo = { codes };
  if (message !== undefined) info.message = message;
  if (codes[0] !== undefined) info.code = codes[0];
  return info;
}

function codeOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return typeof value === 'number' ? String(value) : undefined;
}

function detailOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return value === undefined ? undefined : JSON.stringify(value);
}
