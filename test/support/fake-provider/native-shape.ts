/**
 * Checks that a chat request body has the provider's native shape, as the real
 * API would insist: OpenAI Chat Completions (tools as `function` tools, `tool`
 * messages answering earlier `tool_calls`, `image_url` parts, `response_format`)
 * or Anthropic Messages (alternating user/assistant turns, `tool_use` /
 * `tool_result` blocks, image `source` blocks, `input_schema` tools,
 * `output_config`). A body in the wrong dialect gets a 400, so an adapter that
 * sends the other provider's shape fails its test.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 * @see https://docs.anthropic.com/en/api/messages
 */
import { SIGNATURE } from './anthropic-format';
import { isRecord } from './is-record';
import type { WireFormat } from './types';

type Problems = string[];

function jsonString(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  try {
    JSON.parse(v === '' ? '{}' : v);
    return true;
  } catch {
    return false;
  }
}

function openaiContent(content: unknown, path: string, images: boolean, p: Problems): void {
  if (typeof content === 'string') return;
  if (!Array.isArray(content)) return void p.push(`${path} must be a string or an array of parts`);
  content.forEach((part, i) => {
    if (isRecord(part) && part.type === 'text' && typeof part.text === 'string') return;
    if (images && isRecord(part) && part.type === 'image_url' && isRecord(part.image_url) && typeof part.image_url.url === 'string' && /^(data:image\/|https:)/.test(part.image_url.url)) return;
    p.push(`${path}[${i}] is not an OpenAI ${images ? 'text or image_url' : 'text'} part`);
  });
}

function checkOpenAI(body: Record<string, unknown>, p: Problems): void {
  for (const k of ['system', 'stop_sequences', 'output_config', 'thinking']) if (k in body) p.push(`"${k}" is not a Chat Completions field`);
  const messages = Array.isArray(body.messages) ? body.messages : [];
  if (messages.length === 0) p.push('messages must be a non-empty array');
  const open = new Set<string>();
  messages.forEach((m, i) => {
    const path = `messages[${i}]`;
    if (!isRecord(m)) return void p.push(`${path} is not an object`);
    switch (m.role) {
      case 'system':
      case 'developer':
        return openaiContent(m.content, `${path}.content`, false, p);
      case 'user':
        return openaiContent(m.content, `${path}.content`, true, p);
      case 'assistant':
        if (m.content !== null && m.content !== undefined) openaiContent(m.content, `${path}.content`, false, p);
        if (m.tool_calls !== undefined) {
          if (!Array.isArray(m.tool_calls)) return void p.push(`${path}.tool_calls must be an array`);
          m.tool_calls.forEach((c, j) => {
            if (!isRecord(c) || typeof c.id !== 'string' || c.type !== 'function' || !isRecord(c.function) || typeof c.function.name !== 'string' || !jsonString(c.function.arguments)) {
              p.push(`${path}.tool_calls[${j}] must be { id, type: "function", function: { name, arguments: JSON string } }`);
            } else open.add(c.id);
          });
        }
        return;
      case 'tool':
        if (typeof m.tool_call_id !== 'string' || !open.has(m.tool_call_id)) p.push(`${path}.tool_call_id must answer an earlier assistant tool call`);
        return openaiContent(m.content, `${path}.content`, false, p);
      default:
        p.push(`${path}.role ${JSON.stringify(m.role)} is not an OpenAI role`);
    }
  });
  if (body.tools !== undefined) {
    const tools = Array.isArray(body.tools) ? body.tools : [];
    tools.forEach((t, i) => {
      if (!isRecord(t) || t.type !== 'function' || !isRecord(t.function) || typeof t.function.name !== 'string' || 'input_schema' in t) p.push(`tools[${i}] must be { type: "function", function: { name, parameters } }`);
      else if (t.function.parameters !== undefined && !isRecord(t.function.parameters)) p.push(`tools[${i}].function.parameters must be an object`);
    });
  }
  const tc = body.tool_choice;
  if (tc !== undefined && !(tc === 'auto' || tc === 'none' || tc === 'required' || (isRecord(tc) && tc.type === 'function' && isRecord(tc.function) && typeof tc.function.name === 'string'))) p.push('tool_choice is not an OpenAI tool choice');
  const rf = body.response_format;
  if (rf !== undefined) {
    const ok = isRecord(rf) && (rf.type === 'text' || rf.type === 'json_object' || (rf.type === 'json_schema' && isRecord(rf.json_schema) && typeof rf.json_schema.name === 'string' && isRecord(rf.json_schema.schema)));
    if (!ok) p.push('response_format is not { type: "json_object" } or { type: "json_schema", json_schema: { name, schema } }');
  }
}

function anthropicBlocks(content: unknown, role: 'user' | 'assistant', path: string, p: Problems): Record<string, unknown>[] {
  if (typeof content === 'string') {
    if (content === '') p.push(`${path} must not be empty`);
    return [];
  }
  if (!Array.isArray(content) || content.length === 0) return void p.push(`${path} must be a string or a non-empty array of blocks`), [];
  let seenOther = false;
  content.forEach((b, i) => {
    const bp = `${path}[${i}]`;
    if (!isRecord(b)) return void p.push(`${bp} is not a block`);
    if (b.type === 'text') {
      if (typeof b.text !== 'string' || b.text === '') p.push(`${bp}.text must be non-empty`);
    } else if (b.type === 'image' && role === 'user') {
      const s = b.source;
      const ok = isRecord(s) && ((s.type === 'base64' && typeof s.media_type === 'string' && typeof s.data === 'string') || (s.type === 'url' && typeof s.url === 'string'));
      if (!ok) p.push(`${bp}.source must be { type: "base64", media_type, data } or { type: "url", url }`);
    } else if (b.type === 'tool_use' && role === 'assistant') {
      if (typeof b.id !== 'string' || typeof b.name !== 'string' || !isRecord(b.input)) p.push(`${bp} must be { type: "tool_use", id, name, input: object }`);
    } else if (b.type === 'tool_result' && role === 'user') {
      if (seenOther) p.push(`${bp}: tool_result blocks must come first in the user turn`);
      if (typeof b.tool_use_id !== 'string') p.push(`${bp}.tool_use_id must be a string`);
    } else if (b.type !== 'thinking' && b.type !== 'redacted_thinking') p.push(`${bp}: block type ${JSON.stringify(b.type)} is not allowed in a ${role} turn`);
    if (b.type !== 'tool_result') seenOther = true;
  });
  return content.filter(isRecord);
}

/**
 * The API's rules for extended thinking in a tool loop: the final assistant
 * turn, when it called a tool, starts with its thinking block, sent back
 * unchanged (the signature is checked). Messages as the API words them.
 */
function checkThinkingInToolLoop(body: Record<string, unknown>, messages: unknown[], p: Problems): void {
  messages.forEach((m, i) => {
    if (!isRecord(m) || !Array.isArray(m.content)) return;
    m.content.forEach((b, j) => {
      if (isRecord(b) && b.type === 'thinking' && b.signature !== SIGNATURE) p.push(`messages.${i}.content.${j}: Invalid \`signature\` in \`thinking\` block`);
    });
  });
  if (!isRecord(body.thinking) || body.thinking.type !== 'enabled') return;
  const i = messages.map((m) => isRecord(m) && m.role === 'assistant').lastIndexOf(true);
  const last = messages[i];
  if (!isRecord(last) || !Array.isArray(last.content) || !last.content.some((b) => isRecord(b) && b.type === 'tool_use')) return;
  const first: unknown = last.content[0];
  if (!isRecord(first) || (first.type !== 'thinking' && first.type !== 'redacted_thinking')) {
    p.push(`messages.${i}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${isRecord(first) ? String(first.type) : '?'}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block`);
  }
}

function checkAnthropic(body: Record<string, unknown>, p: Problems): void {
  for (const k of ['response_format', 'tool_calls', 'stop', 'max_completion_tokens', 'stream_options']) if (k in body) p.push(`"${k}" is not a Messages API field`);
  if (typeof body.max_tokens !== 'number' || !Number.isInteger(body.max_tokens)) p.push('max_tokens is required (an integer)');
  const messages = Array.isArray(body.messages) ? body.messages : [];
  if (messages.length === 0) p.push('messages must be a non-empty array');
  let pending = new Set<string>();
  messages.forEach((m, i) => {
    const path = `messages[${i}]`;
    if (!isRecord(m) || (m.role !== 'user' && m.role !== 'assistant')) return void p.push(`${path}.role must be "user" or "assistant"`);
    const expected = i % 2 === 0 ? 'user' : 'assistant';
    if (m.role !== expected) p.push(`${path}: roles must alternate starting with user`);
    const blocks = anthropicBlocks(m.content, m.role, `${path}.content`, p);
    if (m.role === 'assistant') {
      if (pending.size > 0) p.push(`${path}: tool_use ${[...pending].join(', ')} not answered by a tool_result`);
      pending = new Set(blocks.filter((b) => b.type === 'tool_use').map((b) => String(b.id)));
    } else {
      for (const b of blocks.filter((x) => x.type === 'tool_result')) {
        if (!pending.delete(String(b.tool_use_id))) p.push(`${path}: tool_result ${String(b.tool_use_id)} answers no tool_use of the previous turn`);
      }
      if (pending.size > 0) p.push(`${path}: tool_use ${[...pending].join(', ')} not answered by a tool_result`);
      pending = new Set();
    }
  });
  if (body.tools !== undefined) {
    const tools = Array.isArray(body.tools) ? body.tools : [];
    tools.forEach((t, i) => {
      if (!isRecord(t) || typeof t.name !== 'string' || !isRecord(t.input_schema) || 'function' in t || 'parameters' in t) p.push(`tools[${i}] must be { name, description?, input_schema }`);
    });
  }
  checkThinkingInToolLoop(body, messages, p);
  const tc = body.tool_choice;
  if (tc !== undefined && !(isRecord(tc) && (tc.type === 'auto' || tc.type === 'any' || tc.type === 'none' || (tc.type === 'tool' && typeof tc.name === 'string')))) p.push('tool_choice is not an Anthropic tool choice');
  const oc = body.output_config;
  if (oc !== undefined && !(isRecord(oc) && isRecord(oc.format) && oc.format.type === 'json_schema' && isRecord(oc.format.schema))) p.push('output_config must be { format: { type: "json_schema", schema } }');
}

/** What is wrong with a chat body for `format`; empty when it is native. */
export function nativeShapeProblems(format: WireFormat, body: unknown): string[] {
  const problems: Problems = [];
  if (!isRecord(body)) return ['the body is not a JSON object'];
  if (format === 'anthropic') checkAnthropic(body, problems);
  else checkOpenAI(body, problems);
  return problems;
}
