/** Client-side helpers for the OpenAI adapter's integration tests. */
import { OpenAIFamilyConfig as ProviderConfig } from '../../../../src/core/providers/openai/openai-family-config';
import { ChatRequest } from '../../../../src/core/model/chat-request';
import { toCanonicalCall } from '../../../../src/core/model/to-canonical-call';
import { validateChatRequest } from '../../../../src/core/model/validate-chat-request';
import { ProviderPart } from '../../../../src/core/model/provider-part';
import { SwitchboardError } from '../../../../src/core/model/switchboard-error';
import { createOpenAIAdapter } from '../../../../src/core/providers/openai/create-openai-adapter';
import { AdapterCall, ProviderAdapter } from '../../../../src/core/providers/provider-adapter';

export const KEY = 'sk-test-canary-0123456789abcdef';

export const REQUEST: ChatRequest = { model: 'ignored', messages: [{ role: 'user', content: 'Say hello' }] };

export function adapterFor(config: ProviderConfig, key: string | undefined = KEY, providerId = 'p'): ProviderAdapter {
  return createOpenAIAdapter({ providerId, config, keys: async () => key });
}

export interface Outcome {
  parts: ProviderPart[];
  error?: SwitchboardError;
}

/** A call as tests write it: the public request (validated, made canonical here) and call options. */
export async function run(adapter: ProviderAdapter, over: Partial<Omit<AdapterCall, 'canonical'>> & { request?: ChatRequest } = {}): Promise<Outcome> {
  const { request, ...rest } = over;
  const call: AdapterCall = {
    canonical: toCanonicalCall(validateChatRequest(request ?? REQUEST)),
    model: 'gpt-4o-mini-2024-07-18',
    stream: true,
    signal: new AbortController().signal,
    connectTimeoutMs: 5000,
    ...rest,
    connectBoundBySignal: rest.connectBoundBySignal ?? false,
  };
  const parts: ProviderPart[] = [];
  try {
    for await (const part of adapter.call(call)) parts.push(part);
    return { parts };
  } catch (error) {
    if (!SwitchboardError.isInstance(error)) throw error;
    return { parts, error };
  }
}

/** The same call through `complete` (a non-streamed answer at once), as the router's attempts make JSON calls. */
export async function runComplete(adapter: ProviderAdapter, over: Partial<Omit<AdapterCall, 'canonical' | 'stream'>> & { request?: ChatRequest } = {}): Promise<Outcome> {
  const { request, ...rest } = over;
  if (!adapter.complete) throw new Error('this adapter has no complete()');
  const call: AdapterCall = { canonical: toCanonicalCall(validateChatRequest(request ?? REQUEST)), model: 'gpt-4o-mini-2024-07-18', stream: false, signal: new AbortController().signal, connectTimeoutMs: 5000, ...rest, connectBoundBySignal: rest.connectBoundBySignal ?? false };
  try {
    return { parts: [...(await adapter.complete(call))] };
  } catch (error) {
    if (!SwitchboardError.isInstance(error)) throw error;
    return { parts: [], error };
  }
}

/** Text, reasoning, tool calls, usage and finish of a part list, with deltas joined. */
export function summarize(parts: ProviderPart[]): Record<string, unknown> {
  const text = parts.flatMap((p) => (p.type === 'text-delta' ? [p.text] : [])).join('');
  const reasoning = parts.flatMap((p) => (p.type === 'reasoning-delta' ? [p.text] : [])).join('');
  const tools = parts.filter((p) => p.type === 'tool-call');
  const usage = parts.filter((p) => p.type === 'usage').map((p) => p.usage);
  const finish = parts.filter((p) => p.type === 'finish').map((p) => p.finishReason);
  return { text, reasoning, tools, usage, finish };
}
