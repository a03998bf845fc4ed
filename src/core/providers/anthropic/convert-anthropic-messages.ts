import { CanonicalMessage, CanonicalUserPart } from '../../model/canonical-call';
import { SwitchboardError } from '../../model/switchboard-error';

/** Content blocks this adapter sends. @see https://docs.anthropic.com/en/api/messages#body-messages-content */
export type AnthropicBlock =
  | { type: 'text'; text: string }
  | { type: 'image'; source: { type: 'base64'; media_type: string; data: string } | { type: 'url'; url: string } }
  | { type: 'tool_use'; id: string; name: string; input: unknown }
  | { type: 'tool_result'; tool_use_id: string; content: string }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string };

export interface AnthropicTurn {
  role: 'user' | 'assistant';
  content: string | AnthropicBlock[];
}

/** Sent as the first turn when a conversation opens with the assistant. */
export const LEADING_USER_PLACEHOLDER = '(conversation start)';

function userBlock(p: CanonicalUserPart): AnthropicBlock {
  if (p.type === 'text') return { type: 'text', text: p.text };
  const img = p.image;
  return { type: 'image', source: img.kind === 'base64' ? { type: 'base64', media_type: img.mediaType, data: img.data } : { type: 'url', url: img.url } };
}

/** Tool arguments (a JSON string) as the `input` object Anthropic wants back. */
function toolInput(args: string, id: string): unknown {
  if (args.trim() === '') return {};
  try {
    return JSON.parse(args) as unknown;
  } catch {
    throw new SwitchboardError({ kind: 'bad_request', retryable: false, message: `The arguments of tool call "${id}" are not valid JSON; Anthropic needs them as an object. Send the arguments the model produced, unchanged.` });
  }
}

function blocksOf(m: Exclude<CanonicalMessage, { role: 'system' }>): AnthropicBlock[] {
  switch (m.role) {
    case 'user':
      return m.parts.filter((p) => p.type !== 'text' || p.text.trim() !== '').map(userBlock);
    case 'assistant': {
      // Signed thinking first and unchanged: a tool loop with extended thinking is refused without it.
      const blocks: AnthropicBlock[] = m.thinkingBlocks.map((b) => ({ ...b }));
      if (m.text.trim() !== '') blocks.push({ type: 'text', text: m.text });
      for (const c of m.toolCalls) blocks.push({ type: 'tool_use', id: c.id, name: c.name, input: toolInput(c.arguments, c.id) });
      return blocks;
    }
    case 'tool':
      return [{ type: 'tool_result', tool_use_id: m.toolCallId, content: m.text }];
  }
}

/**
 * Canonical messages as alternating Messages API turns. Tool results become
 * `tool_result` blocks in a user turn; consecutive same-role messages (several
 * tool results, a tool result then user text) are merged into one turn with
 * the tool results first, as Anthropic requires. Images become `source`
 * blocks; a text-only turn is sent as one string; empty text is dropped (the API rejects it); a leading assistant turn
 * gets a placeholder user turn before it, and a final assistant prefill loses
 * trailing whitespace (also rejected).
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use#handling-tool-use-and-tool-result-content-blocks
 * @see https://docs.anthropic.com/en/docs/build-with-claude/vision#base64-encoded-image-example
 */
export function convertAnthropicMessages(messages: readonly CanonicalMessage[]): AnthropicTurn[] {
  const turns: Array<{ role: AnthropicTurn['role']; content: AnthropicBlock[] }> = [];
  for (const m of messages) {
    if (m.role === 'system') continue;
    const blocks = blocksOf(m);
    if (blocks.length === 0) continue;
    const role = m.role === 'assistant' ? 'assistant' : 'user';
    const last = turns[turns.length - 1];
    if (last && last.role === role) {
      const merged = [...last.content, ...blocks];
      // Tool results lead a user turn; the rest keeps its order.
      last.content = role === 'user' ? [...merged.filter((b) => b.type === 'tool_result'), ...merged.filter((b) => b.type !== 'tool_result')] : merged;
    } else turns.push({ role, content: blocks });
  }
  if (turns[0]?.role === 'assistant') turns.unshift({ role: 'user', content: [{ type: 'text', text: LEADING_USER_PLACEHOLDER }] });
  const final = turns[turns.length - 1];
  const tail = final?.content[final.content.length - 1];
  if (final?.role === 'assistant' && tail?.type === 'text') tail.text = tail.text.trimEnd();
  // A text-only turn goes as one string (merged texts joined by a blank line), the API's simplest form.
  return turns.map((t) => (t.content.every((b) => b.type === 'text') ? { role: t.role, content: t.content.map((b) => (b.type === 'text' ? b.text : '')).join('\n\n') } : t));
}
