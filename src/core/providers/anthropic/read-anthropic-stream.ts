import { APIError } from '@anthropic-ai/sdk';
import { ProviderPart } from '../../model/provider-part';
import { SwitchboardError } from '../../model/switchboard-error';
import { AnthropicReadOptions } from './anthropic-read-options';
import { JsonRecord, isRecord, numberField, recordField, stringField } from './anthropic-wire';
import { canonicalToolArguments, convertAnthropicContentBlock } from './convert-anthropic-content';
import { convertAnthropicUsage, mergeAnthropicUsage } from './convert-anthropic-usage';
import { AnthropicErrorContext, mapAnthropicError } from './map-anthropic-error';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason';

interface ToolBlock {
  /** Position among the tool calls of this answer. */
  position: number;
  /** The forced JSON tool: its input streams out as answer text. */
  isJsonAnswer: boolean;
  id: string;
  name: string;
  /** Accumulated `input_json_delta`; undefined until the first delta. */
  json: string | undefined;
  /** `input` from content_block_start, used when no delta follows. */
  initialInput: unknown;
}

/** A thinking block being streamed: its text and signature arrive as deltas. */
interface ThinkingInProgress {
  thinking: string;
  signature: string;
}

interface StreamState {
  messageId: string | undefined;
  /** Open thinking blocks by content index; a signed one is handed on at its `content_block_stop`. */
  thinking: Map<number, ThinkingInProgress>;
  usage: JsonRecord;
  sawUsage: boolean;
  stopReason: string | undefined;
  tools: Map<number, ToolBlock>;
  toolCount: number;
  read: AnthropicReadOptions;
}

function invalid(message: string): SwitchboardError {
  return new SwitchboardError({ kind: 'invalid_response', message });
}

function onMessageStart(state: StreamState, event: JsonRecord): ProviderPart[] {
  const message = recordField(event, 'message');
  if (!message) throw invalid('Anthropic sent message_start without a message.');
  const id = stringField(message, 'id');
  if (state.messageId !== undefined) {
    // A repeated start of the same message is harmless; a different one means two answers were spliced.
    if (id === state.messageId) return [];
    throw invalid(`Anthropic started message ${id ?? '(no id)'} while message ${state.messageId} was still open.`);
  }
  state.messageId = id ?? '';
  if (isRecord(message.usage)) {
    state.usage = mergeAnthropicUsage(state.usage, message.usage);
    state.sawUsage = true;
  }
  state.stopReason = stringField(message, 'stop_reason') ?? state.stopReason;
  // Programmatic tool calling can deliver a whole answer inside message_start.
  return Array.isArray(message.content) ? message.content.flatMap((b) => convertAnthropicContentBlock(b, state.read)) : [];
}

function onBlockStart(state: StreamState, event: JsonRecord): ProviderPart[] {
  const index = numberField(event, 'index');
  const block = recordField(event, 'content_block');
  if (index === undefined || !block) throw invalid('Anthropic sent content_block_start without an index or block.');
  if (block.type === 'tool_use') {
    const name = stringField(block, 'name') ?? '';
    const isJsonAnswer = state.read.jsonToolName !== undefined && name === state.read.jsonToolName;
    const tool: ToolBlock = { position: isJsonAnswer ? -1 : state.toolCount++, isJsonAnswer, id: stringField(block, 'id') ?? '', name, json: undefined, initialInput: block.input };
    state.tools.set(index, tool);
    return isJsonAnswer ? [] : [{ type: 'tool-call-start', index: tool.position, id: tool.id, name }];
  }
  if (block.type === 'thinking') {
    // Normally empty at the start; anything already there is content (and part of the signed block).
    const thinking = stringField(block, 'thinking') ?? '';
    state.thinking.set(index, { thinking, signature: stringField(block, 'signature') ?? '' });
    return thinking === '' ? [] : [{ type: 'reasoning-delta', text: thinking }];
  }
  // Text normally starts empty; a redacted_thinking block arrives whole.
  return block.type === 'text' || block.type === 'redacted_thinking' ? convertAnthropicContentBlock(block, state.read) : [];
}

function onBlockDelta(state: StreamState, event: JsonRecord): ProviderPart[] {
  const delta = recordField(event, 'delta');
  if (!delta) return [];
  switch (delta.type) {
    case 'text_delta': {
      const text = stringField(delta, 'text') ?? '';
      return text === '' ? [] : [{ type: 'text-delta', text }];
    }
    case 'thinking_delta': {
      const text = stringField(delta, 'thinking') ?? '';
      const open = state.thinking.get(numberField(event, 'index') ?? -1);
      if (open) open.thinking += text;
      return text === '' ? [] : [{ type: 'reasoning-delta', text }];
    }
    case 'signature_delta': {
      const open = state.thinking.get(numberField(event, 'index') ?? -1);
      if (open) open.signature += stringField(delta, 'signature') ?? '';
      return [];
    }
    case 'input_json_delta': {
      const tool = state.tools.get(numberField(event, 'index') ?? -1);
      const partial = stringField(delta, 'partial_json') ?? '';
      if (!tool || partial === '') return [];
      tool.json = (tool.json ?? '') + partial;
      return tool.isJsonAnswer ? [{ type: 'text-delta', text: partial }] : [{ type: 'tool-call-delta', index: tool.position, id: tool.id, argumentsDelta: partial }];
    }
    default:
      // citations_delta, compaction_delta, server-tool input: nothing to show.
      return [];
  }
}

function onBlockStop(state: StreamState, event: JsonRecord): ProviderPart[] {
  const index = numberField(event, 'index') ?? -1;
  const thinking = state.thinking.get(index);
  if (thinking) {
    state.thinking.delete(index);
    // An unsigned block cannot be sent back (the API checks the signature): nothing to hand on.
    return thinking.signature === '' ? [] : [{ type: 'thinking-block', block: { type: 'thinking', thinking: thinking.thinking, signature: thinking.signature } }];
  }
  const tool = state.tools.get(index);
  if (!tool) return [];
  state.tools.delete(index);
  if (tool.isJsonAnswer) return tool.json === undefined ? [{ type: 'text-delta', text: canonicalToolArguments(JSON.stringify(tool.initialInput ?? {})) }] : [];
  const args = tool.json ?? JSON.stringify(tool.initialInput ?? {});
  return [{ type: 'tool-call', id: tool.id, name: tool.name, arguments: canonicalToolArguments(args) }];
}

function usagePart(state: StreamState): ProviderPart[] {
  return state.sawUsage ? [{ type: 'usage', usage: convertAnthropicUsage(state.usage) }] : [];
}

/**
 * Messages API stream events (as the SDK yields them) to parts. Usage is
 * yielded once, before `finish`, from `message_start` overlaid with the
 * cumulative `message_delta` counts. The answer ends at `message_stop`; a
 * stream that ends without it yields what arrived (and the usage so far),
 * then throws `network`. A failure mid-stream (in-band `error` event, broken
 * JSON, reset socket) likewise yields the partial usage before throwing.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
export async function* readAnthropicStream(events: AsyncIterable<unknown>, ctx: AnthropicErrorContext = {}, read: AnthropicReadOptions = {}): AsyncGenerator<ProviderPart> {
  const state: StreamState = { messageId: undefined, thinking: new Map(), usage: {}, sawUsage: false, stopReason: undefined, tools: new Map(), toolCount: 0, read };
  try {
    for await (const event of events) {
      if (!isRecord(event) || typeof event.type !== 'string') throw invalid('Anthropic sent a stream event without a type.');
      let parts: ProviderPart[] = [];
      switch (event.type) {
        case 'message_start':
          parts = onMessageStart(state, event);
          break;
        case 'content_block_start':
          parts = onBlockStart(state, event);
          break;
        case 'content_block_delta':
          parts = onBlockDelta(state, event);
          break;
        case 'content_block_stop':
          parts = onBlockStop(state, event);
          break;
        case 'message_delta': {
          const delta = recordField(event, 'delta');
          state.stopReason = (delta && stringField(delta, 'stop_reason')) ?? state.stopReason;
          if (isRecord(event.usage)) {
            state.usage = mergeAnthropicUsage(state.usage, event.usage);
            state.sawUsage = true;
          }
          break;
        }
        case 'message_stop':
          yield* usagePart(state);
          yield { type: 'finish', finishReason: mapAnthropicStopReason(state.stopReason, read) };
          return;
        case 'error':
          // The SDK throws in-band errors itself; this covers a raw event passed through.
          throw new APIError(undefined, event, undefined, undefined);
        default:
          // ping and event types newer than this adapter.
          break;
      }
      for (const part of parts) yield part;
    }
  } catch (err) {
    yield* usagePart(state);
    throw mapAnthropicError(err, ctx);
  }
  yield* usagePart(state);
  if (ctx.signal?.aborted) throw mapAnthropicError(ctx.signal.reason, ctx);
  throw new SwitchboardError({ kind: 'network', message: 'The Anthropic stream ended before completion (no message_stop); the answer is incomplete.' });
}
