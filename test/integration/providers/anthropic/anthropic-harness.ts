/** Shared helpers for the Anthropic adapter's socket tests (not a test file itself). */
import { ChatRequest } from '../../../../src/core/model/chat-request';
import { toCanonicalCall } from '../../../../src/core/model/to-canonical-call';
import { validateChatRequest } from '../../../../src/core/model/validate-chat-request';
import { ProviderPart } from '../../../../src/core/model/provider-part';
import { SwitchboardError } from '../../../../src/core/model/switchboard-error';
import { createAnthropicAdapter } from '../../../../src/core/providers/anthropic/create-anthropic-adapter';
import { ProviderAdapter } from '../../../../src/core/providers/provider-adapter';
import type { FakeProvider } from '../../../support/fake-provider';

export const TEST_KEY = 'sk-ant-test_0123456789abcdef';
// A model the SDK does not list as deprecated (it console.warns on every call for those).
export const MODEL = 'claude-sonnet-4-6';

export function adapterFor(fp: FakeProvider, key: string | undefined = TEST_KEY, headers?: Record<string, string>): ProviderAdapter {
  const config = headers ? { kind: 'anthropic' as const, baseUrl: fp.anthropicBaseUrl, headers } : { kind: 'anthropic' as const, baseUrl: fp.anthropicBaseUrl };
  return createAnthropicAdapter({ providerId: 'ant', config, keys: async () => key });
}

export function chatRequest(text = 'hello there', extra: Partial<ChatRequest> = {}): ChatRequest {
  return { model: 'smart', messages: [{ role: 'system', content: 'Be kind.' }, { role: 'user', content: text }], ...extra };
}

export interface CallResult {
  parts: ProviderPart[];
  error?: SwitchboardError;
}

export async function runCall(
  adapter: ProviderAdapter,
  opts: { stream: boolean; request?: ChatRequest; model?: string; signal?: AbortSignal; connectTimeoutMs?: number; onPart?: (p: ProviderPart) => void },
): Promise<CallResult> {
  const parts: ProviderPart[] = [];
  try {
    const iterable = adapter.call({
      canonical: toCanonicalCall(validateChatRequest(opts.request ?? chatRequest())),
      model: opts.model ?? MODEL,
      stream: opts.stream,
      signal: opts.signal ?? new AbortController().signal,
      connectTimeoutMs: opts.connectTimeoutMs ?? 5000,
      connectBoundBySignal: false,
    });
    for await (const p of iterable) {
      parts.push(p);
      opts.onPart?.(p);
    }
    return { parts };
  } catch (err) {
    if (!SwitchboardError.isInstance(err)) throw err;
    return { parts, error: err };
  }
}

/** Adjacent text / reasoning deltas joined: the same answer chunked differently compares equal. */
export function mergeDeltas(parts: readonly ProviderPart[]): ProviderPart[] {
  const out: ProviderPart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (last && (p.type === 'text-delta' || p.type === 'reasoning-delta') && last.type === p.type) {
      out[out.length - 1] = { type: p.type, text: last.text + p.text };
    } else out.push({ ...p });
  }
  return out;
}

export function textOf(parts: readonly ProviderPart[], type: 'text-delta' | 'reasoning-delta' = 'text-delta'): string {
  return parts.map((p) => (p.type === type ? p.text : '')).join('');
}
