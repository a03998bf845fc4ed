/** Shared setup for orchestrator tests over real sockets: fake provider, config, collectors. */
import { SwitchboardConfig } from '../../../src/core/config/switchboard-config';
import { createOrchestrator, OrchestratorPorts } from '../../../src/core/orchestrator/create-orchestrator';
import { Orchestrator } from '../../../src/core/orchestrator/orchestrator';
import { CallRecord } from '../../../src/core/model/call-record';
import { ChatRequest } from '../../../src/core/model/chat-request';
import { StreamEvent } from '../../../src/core/model/stream-event';
import { SwitchboardError } from '../../../src/core/model/switchboard-error';
import { FakeProvider } from '../../support/fake-provider';

export const KEYS: Record<string, string> = { oa: 'sk-test-oa-0123456789', ant: 'sk-ant-test-0123456789', emb: 'sk-test-emb-0123456789' };

/** Providers "oa" (OpenAI format) and "ant" (Anthropic format) on one fake server. */
export function providers(fp: FakeProvider): SwitchboardConfig['providers'] {
  return {
    oa: { kind: 'openai', baseUrl: fp.openaiBaseUrl, apiKeySecret: 'oa' },
    ant: { kind: 'anthropic', baseUrl: fp.anthropicBaseUrl, apiKeySecret: 'ant' },
    emb: { kind: 'openai-compatible', baseUrl: fp.openaiBaseUrl, apiKeySecret: 'emb' },
  };
}

/** The usual pair: `fast` → an OpenAI-format model, `smart` → an Anthropic one, both priced by the library. */
export function fastAndSmart(fp: FakeProvider, extra: Partial<SwitchboardConfig> = {}): SwitchboardConfig {
  return {
    providers: providers(fp),
    deployments: [
      { id: 'mini', provider: 'oa', model: 'gpt-4o-mini-2024-07-18' },
      { id: 'sonnet', provider: 'ant', model: 'claude-sonnet-4-5-20250929' },
    ],
    aliases: { fast: { deployments: ['mini'] }, smart: { deployments: ['sonnet'] } },
    ...extra,
  };
}

export function make(config: SwitchboardConfig, ports: OrchestratorPorts = {}, keys: Record<string, string> = KEYS): Orchestrator {
  return createOrchestrator(config, { keys: (name) => keys[name], ...ports });
}

export function ask(model: string, text = 'Say hello', extra: Partial<ChatRequest> = {}): ChatRequest {
  return { model, messages: [{ role: 'user', content: text }], ...extra };
}

export interface Collected {
  events: StreamEvent[];
  text: string;
  content: string;
  record: CallRecord;
  error?: SwitchboardError;
}

/** Runs a streamed request to the end, keeping every event. */
export async function collect(o: Orchestrator, req: ChatRequest, opts: { signal?: AbortSignal } = {}): Promise<Collected> {
  const events: StreamEvent[] = [];
  let text = '';
  let end: { content: string; record: CallRecord; error?: SwitchboardError } | undefined;
  for await (const ev of o.stream(req, opts)) {
    events.push(ev);
    if (ev.type === 'text') text += ev.text;
    if (ev.type === 'done') end = { content: ev.content, record: ev.record };
    if (ev.type === 'error') end = { content: ev.content, record: ev.record, error: ev.error };
  }
  if (!end) throw new Error('stream ended without a terminal event');
  return { events, text, ...end };
}

/** Resolves once `predicate` holds (polling), or rejects after `timeoutMs`. */
export async function until(predicate: () => boolean, timeoutMs = 3000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const close = (a: number | null, b: number | null, eps = 1e-9): boolean => a !== null && b !== null && Math.abs(a - b) <= eps;
