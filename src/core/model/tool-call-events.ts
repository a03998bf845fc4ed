import { ProviderPart } from './provider-part';
import { StreamEvent } from './stream-event';

type ToolPart = Extract<ProviderPart, { type: 'tool-call-start' | 'tool-call-delta' | 'tool-call' }>;

/**
 * Tool-call parts of one request as stream events: start and argument deltas
 * pass through; a complete call becomes `tool-call-end` then `tool-call`. A
 * call that arrived whole (a JSON answer) gets the next free index, so every
 * end carries one.
 */
export class ToolCallEvents {
  private readonly indexById = new Map<string, number>();
  private next = 0;

  map(part: ToolPart): StreamEvent[] {
    switch (part.type) {
      case 'tool-call-start':
        this.indexById.set(part.id, part.index);
        this.next = Math.max(this.next, part.index + 1);
        return [{ type: 'tool-call-start', index: part.index, id: part.id, name: part.name }];
      case 'tool-call-delta':
        return [{ type: 'tool-call-delta', index: part.index, id: part.id, argumentsDelta: part.argumentsDelta }];
      case 'tool-call': {
        const index = this.indexById.get(part.id) ?? this.next++;
        return [
          { type: 'tool-call-end', index, id: part.id },
          { type: 'tool-call', id: part.id, name: part.name, arguments: part.arguments },
        ];
      }
    }
  }
}
