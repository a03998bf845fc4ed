import { ProviderPart } from '../../model/provider-part';
import { arrayAt, isRecord, recordAt, stringAt } from './read-json-fields';

type ToolCallPart = Extract<ProviderPart, { type: 'tool-call' }>;

/**
 * Streamed tool calls arrive as fragments keyed by `index`: the first carries
 * `id` and `function.name`, the rest append to `function.arguments`. Indexes
 * need not start at 0 (Anthropic's compatible endpoint starts at 1) and later
 * fragments may repeat an empty name (Mistral), which must not erase it.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming#chat-streaming-streaming-choices-delta-tool_calls
 */
export class OpenAIToolCallAccumulator {
  private readonly calls = new Map<number, { id: string; name: string; arguments: string }>();

  add(deltaOrMessage: unknown): void {
    arrayAt(deltaOrMessage, 'tool_calls').forEach((raw, position) => {
      if (!isRecord(raw)) return;
      const index = typeof raw['index'] === 'number' ? raw['index'] : position;
      const call = this.calls.get(index) ?? { id: '', name: '', arguments: '' };
      const id = stringAt(raw, 'id');
      if (id) call.id = id;
      const fn = recordAt(raw, 'function');
      const name = stringAt(fn, 'name');
      if (name) call.name = name;
      const args = stringAt(fn, 'arguments');
      if (args) call.arguments += args;
      this.calls.set(index, call);
    });
  }

  /** The complete calls in index order. */
  complete(): ToolCallPart[] {
    return [...this.calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, c]) => ({ type: 'tool-call', id: c.id || `call_${index}`, name: c.name, arguments: c.arguments }));
  }
}
