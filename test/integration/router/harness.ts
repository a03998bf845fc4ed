/** Shared setup for router tests over real sockets: a fake provider, a config, an orchestrator with a movable clock. */
import { AliasConfig, DeploymentConfig, SwitchboardConfig } from '../../../src/core/config/switchboard-config';
import { createOrchestrator, OrchestratorPorts } from '../../../src/core/orchestrator/create-orchestrator';
import { Orchestrator } from '../../../src/core/orchestrator/orchestrator';
import { CallRecord } from '../../../src/core/model/call-record';
import { StreamEvent } from '../../../src/core/model/stream-event';
import { SwitchboardError } from '../../../src/core/model/switchboard-error';
import { DeploymentHealthReport } from '../../../src/core/health/deployment-health';
import { FakeProvider } from '../../support/fake-provider';

/** A wall clock that tests can push forward (cooldowns, RPM windows) without sleeping. */
export class MovableClock {
  offset = 0;
  readonly now = (): number => Date.now() + this.offset;
  advance(ms: number): void {
    this.offset += ms;
  }
}

/** Seeded uniform random in [0, 1) (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const KEYS: Record<string, string> = { oa: 'sk-test-oa-0123456789', oa2: 'sk-test-oa2-0123456789', ant: 'sk-ant-test-0123456789' };

/** Providers "oa" and "oa2" (OpenAI format, two accounts) and "ant" (Anthropic format) on one fake server. */
export function baseConfig(server: FakeProvider, deployments: DeploymentConfig[], aliases: Record<string, AliasConfig>, extra: Partial<SwitchboardConfig> = {}): SwitchboardConfig {
  return {
    providers: {
      oa: { kind: 'openai', baseUrl: server.openaiBaseUrl, apiKeySecret: 'oa' },
      oa2: { kind: 'openai', baseUrl: server.openaiBaseUrl, apiKeySecret: 'oa2' },
      ant: { kind: 'anthropic', baseUrl: server.anthropicBaseUrl, apiKeySecret: 'ant' },
    },
    deployments,
    aliases,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    ...extra,
  };
}

export function dep(id: string, provider = 'oa', extra: Partial<DeploymentConfig> = {}): DeploymentConfig {
  return { id, provider, model: `model-${id}`, ...extra };
}

export function orchestrator(config: SwitchboardConfig, ports: OrchestratorPorts = {}, keys: Record<string, string> = KEYS): Orchestrator {
  return createOrchestrator(config, { keys: (name) => keys[name], ...ports });
}

export function ask(model: string, text = 'Say hello'): { model: string; messages: { role: 'user'; content: string }[] } {
  return { model, messages: [{ role: 'user', content: text }] };
}

export interface Collected {
  events: StreamEvent[];
  content: string;
  record: CallRecord;
  error?: SwitchboardError;
}

/** Runs a streamed request to the end. */
export async function collect(o: Orchestrator, req: ReturnType<typeof ask>, opts: { signal?: AbortSignal; restartAfterFirstToken?: boolean } = {}): Promise<Collected> {
  const events: StreamEvent[] = [];
  for await (const ev of o.stream(req, opts)) {
    events.push(ev);
    if (ev.type === 'done') return { events, content: ev.content, record: ev.record };
    if (ev.type === 'error') return { events, content: ev.content, record: ev.record, error: ev.error };
  }
  throw new Error('stream ended without a terminal event');
}

/** chat() that returns the error instead of throwing. */
export async function tryChat(o: Orchestrator, req: ReturnType<typeof ask>): Promise<{ content?: string; record: CallRecord; error?: SwitchboardError }> {
  try {
    const r = await o.chat(req);
    return { content: r.content, record: r.record };
  } catch (err) {
    if (!SwitchboardError.isInstance(err) || !err.record) throw err;
    return { record: err.record, error: err };
  }
}

/** `health()` with the router's fields typed. */
export function health(o: Orchestrator): DeploymentHealthReport[] {
  return o.health() as DeploymentHealthReport[];
}
