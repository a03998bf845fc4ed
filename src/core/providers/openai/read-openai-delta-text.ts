import { isRecord, stringAt } from './read-json-fields';
import { readOpenAIContentParts } from './read-openai-content-parts';

export type ReasoningField = 'reasoning_content' | 'reasoning';

/**
 * Reasoning text of a delta or message. DeepSeek, xAI, Qwen, vLLM and LM Studio
 * use `reasoning_content`; Groq, Ollama, OpenRouter, Together and Cerebras use
 * `reasoning`. The preset's field is read first and the other is the fallback,
 * never both, so a server that mirrors the text in both fields is not doubled.
 * @see https://api-docs.deepseek.com/guides/reasoning_model
 * @see https://console.groq.com/docs/reasoning#reasoning-format
 * @see https://openrouter.ai/docs/use-cases/reasoning-tokens
 */
export function readReasoningText(deltaOrMessage: unknown, preferred: ReasoningField = 'reasoning_content'): string | undefined {
  const other: ReasoningField = preferred === 'reasoning' ? 'reasoning_content' : 'reasoning';
  const first = stringAt(deltaOrMessage, preferred);
  if (first) return first;
  const second = stringAt(deltaOrMessage, other);
  if (second) return second;
  // Mistral: `thinking` parts inside an array `content` (a string content has none: the usual case, every chunk).
  const content = isRecord(deltaOrMessage) ? deltaOrMessage['content'] : undefined;
  const inParts = Array.isArray(content) ? readOpenAIContentParts(content).reasoning : '';
  return inParts ? inParts : undefined;
}

/**
 * Answer text of a delta or message, whether `content` is a string or an
 * array of parts. A refusal (`refusal` instead of
 * `content`) is shown as the answer, since it is what the model said.
 * @see https://platform.openai.com/docs/guides/structured-outputs#refusals
 */
export function readAnswerText(deltaOrMessage: unknown): string | undefined {
  const raw = isRecord(deltaOrMessage) ? deltaOrMessage['content'] : undefined;
  const content = typeof raw === 'string' ? raw : readOpenAIContentParts(raw).text;
  if (content) return content;
  const refusal = stringAt(deltaOrMessage, 'refusal');
  return refusal ? refusal : undefined;
}
