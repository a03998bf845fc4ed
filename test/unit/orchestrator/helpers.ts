/** Offline orchestrator fixtures: a config nothing is sent to, and collectors over the public API. */
import { SwitchboardConfig } from '../../../src/core/config/switchboard-config';
import { CallRecord } from '../../../src/core/model/call-record';
import { ChatRequest } from '../../../src/core/model/chat-request';
import { StreamEvent } from '../../../src/core/model/stream-event';
import { Orchestrator } from '../../../src/core/orchestrator/orchestrator';
import { Router } from '../../../src/core/router/router';

/** One keyless loopback provider (port 9, discard: nothing listens) and deployments "a" and "b" behind alias "x". */
export function offlineConfig(extra: Partial<SwitchboardConfig> = {}): SwitchboardConfig {
  return {
    providers: { local: { kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1' } },
    deployments: [
      { id: 'a', provider: 'local', model: 'model-a', price: { inputPerMTok: 1, outputPerMTok: 2 } },
      { id: 'b', provider: 'local', model: 'model-b', price: { inputPerMTok: 1, outputPerMTok: 2 } },
    ],
    aliases: { x: { deployments: ['a', 'b'] } },
    ...extra,
  };
}

export function ask(model = 'x', extra: Partial<ChatRequest> = {}): ChatRequest {
  return { model, messages: [{ role: 'user', content: 'Say hello' }], ...extra };
}

/** A router that answers "ok" from deployment "a" without any socket, and records what it was asked. */
export function answeringRouter(seen: ChatRequest[] = []): Router {
  return async function* (ctx) {
    seen.push(ctx.request);
    yield { type: 'output', part: { type: 'text-delta', text: 'ok' } };
    const deployment = ctx.runtime.deployments.get('a');
    return {
      attempts: [{ deploymentId: 'a', kind: 'first', outcome: 'ok', startedAt: ctx.runtime.now(), latencyMs: 1 }],
      ...(deployment ? { deployment } : {}),
      end: { outcome: 'ok', latencyMs: 1, usage: { inputTokens: 10, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false } },
    };
  };
}

export interface Collected {
  events: StreamEvent[];
  terminal: Extract<StreamEvent, { type: 'done' | 'error' }>;
}

export async function collect(o: Orchestrator, req: ChatRequest): Promise<Collected> {
  const events: StreamEvent[] = [];
  for await (const ev of o.stream(req)) events.push(ev);
  const terminal = events.find((e): e is Collected['terminal'] => e.type === 'done' || e.type === 'error');
  if (!terminal) throw new Error('stream ended without a terminal event');
  return { events, terminal };
}

/** Records published through onRecord. */
export function recordsOf(o: Orchestrator): CallRecord[] {
  const out: CallRecord[] = [];
  o.onRecord((r) => out.push(r));
  return out;
}
