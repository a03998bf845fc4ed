import { ProviderPart } from '../../model/provider-part';
import { AnthropicReadOptions } from './anthropic-read-options';
import { isRecord, stringField } from './anthropic-wire';

/**
 * Tool arguments in one canonical form (compact JSON), so a streamed call
 * (accumulated `input_json_delta`) and a JSON answer (`input` object) give the
 * same string. An empty accumulation means "no arguments": `{}`.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming#input-json-delta
 */
export function canonicalToolArguments(raw: string): string {
  if (raw.trim() === '') return '{}';
  try {
    return JSON.stringify(JSON.parse(raw));
  } catch {
    return raw;
  }
}

/**
 * One finished content block as parts: `text` -> text, `thinking` -> reasoning
 * and the signed block, `redacted_thinking` -> the block (nothing to show, but
 * it must go back in a tool loop), `tool_use` -> tool call. Server-tool blocks
 * (`server_tool_use`, `web_search_tool_result`, `mcp_tool_use`, `compaction`,
 * ...) carry nothing the caller shows and are skipped. The
 * forced JSON tool's input (structured output without a native format) is the
 * answer text.
 * @see https://docs.anthropic.com/en/api/messages#response-content
 */
export function convertAnthropicContentBlock(block: unknown, read: AnthropicReadOptions = {}): ProviderPart[] {
  if (!isRecord(block)) return [];
  switch (block.type) {
    case 'text': {
      const text = stringField(block, 'text') ?? '';
      return text === '' ? [] : [{ type: 'text-delta', text }];
    }
    case 'thinking': {
      const text = stringField(block, 'thinking') ?? '';
      const signature = stringField(block, 'signature') ?? '';
      const parts: ProviderPart[] = text === '' ? [] : [{ type: 'reasoning-delta', text }];
      if (signature !== '') parts.push({ type: 'thinking-block', block: { type: 'thinking', thinking: text, signature } });
      return parts;
    }
    case 'redacted_thinking': {
      const data = stringField(block, 'data') ?? '';
      return data === '' ? [] : [{ type: 'thinking-block', block: { type: 'redacted_thinking', data } }];
    }
    case 'tool_use':
      if (read.jsonToolName !== undefined && block.name === read.jsonToolName) {
        return [{ type: 'text-delta', text: canonicalToolArguments(JSON.stringify(block.input ?? {})) }];
      }
      return [
        {
          type: 'tool-call',
          id: stringField(block, 'id') ?? '',
          name: stringField(block, 'name') ?? '',
          arguments: canonicalToolArguments(JSON.stringify(block.input ?? {})),
        },
      ];
    default:
      return [];
  }
}
