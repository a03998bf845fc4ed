import { ChatMessage, ChatToolCall, ContentPart, TextContentPart } from './chat-request';
import { badField as bad, isPlainRecord as isRecord } from './request-field-error';
import { ThinkingBlock } from './thinking-block';

const ROLES = new Set(['system', 'user', 'assistant', 'tool']);
/** Images providers accept inline. @see https://platform.openai.com/docs/guides/images-vision */
const DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]+$/i;

function imageUrl(raw: unknown, path: string): ContentPart {
  if (!isRecord(raw) || typeof raw.url !== 'string') throw bad(`${path}.image_url must be { "url": "data:image/png;base64,..." or "https://..." }.`);
  const url = raw.url;
  if (!url.startsWith('https://') && !DATA_IMAGE.test(url)) {
    throw bad(`${path}.image_url.url must be an https URL or a base64 data URL of a png, jpeg, gif or webp image; got ${JSON.stringify(url.slice(0, 40))}.`);
  }
  const detail = raw.detail;
  if (detail !== undefined && detail !== 'auto' && detail !== 'low' && detail !== 'high') throw bad(`${path}.image_url.detail must be "auto", "low" or "high".`);
  return { type: 'image_url', image_url: detail === undefined ? { url } : { url, detail } };
}

function contentParts(raw: unknown[], path: string, imagesAllowed: boolean): ContentPart[] {
  if (raw.length === 0) throw bad(`${path} must not be an empty array; give a string or at least one part.`);
  return raw.map((p, j) => {
    const pp = `${path}[${j}]`;
    if (!isRecord(p)) throw bad(`${pp} must be { "type": "text", "text": "..." }${imagesAllowed ? ' or { "type": "image_url", "image_url": { "url" } }' : ''}.`);
    if (p.type === 'text') {
      if (typeof p.text !== 'string') throw bad(`${pp}.text must be a string.`);
      return { type: 'text', text: p.text };
    }
    if (p.type === 'image_url') {
      if (!imagesAllowed) throw bad(`${pp}: images are only allowed in user messages.`);
      return imageUrl(p.image_url, pp);
    }
    throw bad(`${pp}.type must be "text"${imagesAllowed ? ' or "image_url"' : ''}; got ${JSON.stringify(p.type)}.`);
  });
}

function textContent(raw: unknown, path: string): string | TextContentPart[] {
  if (typeof raw === 'string') return raw;
  if (Array.isArray(raw)) return contentParts(raw, path, false) as TextContentPart[];
  throw bad(`${path} must be a string or an array of { "type": "text", "text" } parts.`);
}

function toolCalls(raw: unknown, path: string): ChatToolCall[] {
  if (!Array.isArray(raw) || raw.length === 0) throw bad(`${path} must be a non-empty array of { id, type: "function", function: { name, arguments } }.`);
  return raw.map((c, j) => {
    const cp = `${path}[${j}]`;
    if (!isRecord(c) || typeof c.id !== 'string' || c.id === '') throw bad(`${cp}.id must be the non-empty id the model gave the call.`);
    if (c.type !== undefined && c.type !== 'function') throw bad(`${cp}.type must be "function".`);
    const fn = c.function;
    if (!isRecord(fn) || typeof fn.name !== 'string' || fn.name === '') throw bad(`${cp}.function.name must be the name of the tool that was called.`);
    if (typeof fn.arguments !== 'string') throw bad(`${cp}.function.arguments must be a JSON string (as the model sent it), e.g. "{}".`);
    return { id: c.id, type: 'function', function: { name: fn.name, arguments: fn.arguments } };
  });
}

/** Signed reasoning blocks sent back unchanged, as `ChatResult.thinkingBlocks` gave them. */
function thinkingBlocks(raw: unknown, path: string): ThinkingBlock[] {
  const shape = 'an array of { "type": "thinking", "thinking", "signature" } or { "type": "redacted_thinking", "data" } blocks, as ChatResult.thinkingBlocks gave them';
  if (!Array.isArray(raw)) throw bad(`${path} must be ${shape}.`);
  return raw.map((b, j) => {
    const bp = `${path}[${j}]`;
    if (isRecord(b) && b.type === 'thinking' && typeof b.thinking === 'string' && typeof b.signature === 'string' && b.signature !== '') return { type: 'thinking', thinking: b.thinking, signature: b.signature };
    if (isRecord(b) && b.type === 'redacted_thinking' && typeof b.data === 'string' && b.data !== '') return { type: 'redacted_thinking', data: b.data };
    throw bad(`${bp} must be { "type": "thinking", "thinking": string, "signature": non-empty string } or { "type": "redacted_thinking", "data": non-empty string }; send the block back unchanged.`);
  });
}

function message(m: unknown, i: number): ChatMessage {
  const path = `messages[${i}]`;
  if (!isRecord(m) || typeof m.role !== 'string' || !ROLES.has(m.role)) throw bad(`${path}.role must be "system", "user", "assistant" or "tool".`);
  switch (m.role) {
    case 'system':
      return { role: 'system', content: textContent(m.content, `${path}.content`) };
    case 'user': {
      if (typeof m.content === 'string') return { role: 'user', content: m.content };
      if (!Array.isArray(m.content)) throw bad(`${path}.content must be a string or an array of text and image_url parts.`);
      return { role: 'user', content: contentParts(m.content, `${path}.content`, true) };
    }
    case 'assistant': {
      const calls = m.tool_calls === undefined || m.tool_calls === null ? undefined : toolCalls(m.tool_calls, `${path}.tool_calls`);
      const content = m.content === null || (m.content === undefined && calls) ? null : textContent(m.content, `${path}.content`);
      const out: Extract<ChatMessage, { role: 'assistant' }> = calls ? { role: 'assistant', content, tool_calls: calls } : { role: 'assistant', content };
      if (m.thinking_blocks !== undefined && m.thinking_blocks !== null) out.thinking_blocks = thinkingBlocks(m.thinking_blocks, `${path}.thinking_blocks`);
      return out;
    }
    default: {
      if (typeof m.tool_call_id !== 'string' || m.tool_call_id === '') throw bad(`${path}.tool_call_id must be the id of the assistant tool call this message answers.`);
      return { role: 'tool', tool_call_id: m.tool_call_id, content: textContent(m.content, `${path}.content`) };
    }
  }
}

/**
 * The messages of a request, typed. Every `tool` message must answer a call
 * made by an earlier assistant message, and must come before the next
 * user or assistant turn; providers reject anything else, so it is refused here
 * with the index to fix.
 */
export function validateChatMessages(raw: unknown): ChatMessage[] {
  if (!Array.isArray(raw) || raw.length === 0) throw bad('"messages" must be a non-empty array of { role, content }.');
  const messages = raw.map(message);
  if (!messages.some((m) => m.role !== 'system')) throw bad('"messages" needs at least one user or assistant message besides system prompts.');
  let open = new Set<string>();
  messages.forEach((m, i) => {
    if (m.role === 'assistant') open = new Set((m.tool_calls ?? []).map((c) => c.id));
    else if (m.role === 'tool') {
      if (!open.has(m.tool_call_id)) throw bad(`messages[${i}].tool_call_id "${m.tool_call_id}" does not answer a tool call of the assistant message before it; add that assistant message with its "tool_calls", or fix the id.`);
      open.delete(m.tool_call_id);
    } else if (m.role === 'user') open = new Set();
  });
  return messages;
}
