/**
 * Which behaviour serves the next request. Order of precedence:
 * 1. the model's one-shot queue (`forModel(model, [b1, b2])`),
 * 2. the global FIFO queue (`enqueue`),
 * 3. the model's sticky default (`forModel(model, b)`),
 * 4. the global default (`setDefault`),
 * 5. a plain answer.
 */
import type { Behaviour } from './types';

export class BehaviourScript {
  private readonly queue: Behaviour[] = [];
  private readonly modelQueues = new Map<string, Behaviour[]>();
  private readonly modelDefaults = new Map<string, Behaviour>();
  private fallback: Behaviour | undefined;

  enqueue(...behaviours: Behaviour[]): void {
    this.queue.push(...behaviours);
  }

  /** An array is queued (one per request for that model); a single behaviour becomes the model's sticky default. */
  forModel(model: string, behaviour: Behaviour | Behaviour[]): void {
    if (Array.isArray(behaviour)) {
      const q = this.modelQueues.get(model) ?? [];
      q.push(...behaviour);
      this.modelQueues.set(model, q);
    } else {
      this.modelDefaults.set(model, behaviour);
    }
  }

  setDefault(behaviour: Behaviour | undefined): void {
    this.fallback = behaviour;
  }

  /** Takes the behaviour for a request to `model`. */
  next(model: string | undefined): Behaviour {
    if (model !== undefined) {
      const q = this.modelQueues.get(model);
      const first = q?.shift();
      if (first !== undefined) return first;
    }
    const queued = this.queue.shift();
    if (queued !== undefined) return queued;
    const sticky = model === undefined ? undefined : this.modelDefaults.get(model);
    return sticky ?? this.fallback ?? { kind: 'answer' };
  }

  /** Behaviours still waiting in queues (global + per model). */
  pending(): number {
    let n = this.queue.length;
    for (const q of this.modelQueues.values()) n += q.length;
    return n;
  }

  clear(): void {
    this.queue.length = 0;
    this.modelQueues.clear();
    this.modelDefaults.clear();
    this.fallback = undefined;
  }
}
