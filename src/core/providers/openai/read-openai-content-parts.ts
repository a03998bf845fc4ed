import { isRecord } from './read-json-fields';

/** Text of a `thinking` part: a string, or Mistral's array of text chunks. */
function thinkingText(thinking: unknown): string {
  if (typeof thinking === 'string') return thinking;
  if (!Array.isArray(thinking)) return '';
  return thinking.map((t) => (isRecord(t) && typeof t['text'] === 'string' ? t['text'] : '')).join('');
}

/**
 * The answer and reasoning text of a `content` that is an array of parts
 * rather than a string. Mistral's reasoning models send `thinking` parts
 * (`thinking` holding an array of text chunks) and `text` parts, in messages
 * and in stream deltas (where arrays and plain strings mix). Unknown part types
 * (references, images) carry no text.
 * @see https://docs.mistral.ai/capabilities/reasoning/
 */
export function readOpenAIContentParts(content: unknown): { text: string; reasoning: string } {
  if (typeof content === 'string') return { text: content, reasoning: '' };
  if (!Array.isArray(content)) return { text: '', reasoning: '' };
  let text = '';
  let reasoning = '';
  for (const part of content) {
    if (typeof part === 'string') text += part;
    else if (isRecord(part) && part['type'] === 'text' && typeof part['text'] === 'string') text += part['text'];
    else if (isRecord(part) && part['type'] === 'thinking') reasoning += thinkingText(part['thinking']);
  }
  return { text, reasoning };
}
