import { ProviderPart } from '../../model/provider-part';
import { arrayAt, isRecord, recordAt, stringAt } from './read-json-fields';

type ToolCallPart = Extract<ProviderPart, { type: 'tool-call' }>;
type FormingPart = Extract<ProviderPart, { type: 'tool-call-start' | 'tool-call-delta' }>;

interface Forming {
  id: string;
  name: string;
  arguments: string;
  /** Set once the start part went out (it needs the id and the name). */
  started: boolean;
  /** Argument text received before the start could go out. */
  held: string;
  /** Position among the calls of this answer (0-based, in order of first appearance). */
  position: number;
}

/**
 * Streamed tool calls arrive as fragments keyed by `index`: the first carries
 * `id` and `function.name`, the rest append to `function.arguments`. Indexes
 * need not start at 0 (Anthropic's compatible endpoint starts at 1) and later
 * fragments may repeat an empty name (Mistral), which must not erase it. Each
 * fragment is also returned as start / delta parts, so a caller can show a
 * call as it forms.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming#chat-streaming-streaming-choices-delta-tool_calls
 */
export class OpenAIToolCallAccumulator {
  private readonly calls = new Map<number, Forming>();

  add(deltaOrMessage: unknown): FormingPart[] {
    const out: FormingPart[] = [];
    arrayAt(deltaOrMessage, 'tool_calls').forEach((raw, position) => {
      if (!isRecord(raw)) return;
      const index = typeof raw['index'] === 'number' ? raw['index'] : position;
      const call = this.calls.get(index) ?? { id: '', name: '', arguments: '', started: false, held: '', position: this.calls.size };
      this.calls.set(index, call);
      const id = stringAt(raw, 'id');
      if (id && !call.started) call.id = id;
      const fn = recordAt(raw, 'function');
      const name = stringAt(fn, 'name');
      if (name) call.name = name;
      const args = stringAt(fn, 'arguments') ?? '';
      call.arguments += args;
      if (!call.started && call.name !== '') {
        call.started = true;
        call.id ||= `call_${index}`;
        out.push({ type: 'tool-call-start', index: call.position, id: call.id, name: call.name });
        const pending = call.held + args;
        call.held = '';
        if (pending !== '') out.push({ type: 'tool-call-delta', index: call.position, id: call.id, argumentsDelta: pending });
      } else if (!call.started) call.held += args;
      else if (args !== '') out.push({ type: 'tool-call-delta', index: call.position, id: call.id, argumentsDelta: args });
    });
    return out;
  }

  /** The complete calls in index order. */
  complete(): ToolCallPart[] {
    return [...this.calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, c]) => ({ type: 'tool-call', id: c.id || `call_${index}`, name: c.name, arguments: c.arguments }));
  }
}
