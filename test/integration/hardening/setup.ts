/** Orchestrators pointed at a hostile server, with a file ledger, for the hardening tests. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SwitchboardConfig } from '../../../src/core/config/switchboard-config';
import { createFileLedgerStore, FileLedgerStore } from '../../../src/core/ledger/index';
import { CallRecord } from '../../../src/core/model/call-record';
import { ChatRequest } from '../../../src/core/model/chat-request';
import { SwitchboardError } from '../../../src/core/model/switchboard-error';
import { createOrchestrator } from '../../../src/core/orchestrator/create-orchestrator';
import { Orchestrator } from '../../../src/core/orchestrator/orchestrator';
import { LogSink } from '../../../src/core/ports';

/** Not shaped like any vendor's key, so only exact-value redaction can catch it (generic compatible servers). */
export const CANARY = 'zq7-canary-Q8w2E4r6T8y0U2i4O6p8';

export type Wire = 'openai' | 'anthropic';

export function hostileConfig(baseUrls: { openai: string; anthropic: string }, extra: Partial<SwitchboardConfig> = {}): SwitchboardConfig {
  return {
    providers: {
      oa: { kind: 'openai-compatible', baseUrl: baseUrls.openai, apiKeySecret: 'k' },
      ant: { kind: 'anthropic', baseUrl: baseUrls.anthropic, apiKeySecret: 'k' },
    },
    deployments: [
      { id: 'oa-d', provider: 'oa', model: 'gpt-4o-mini-2024-07-18' },
      { id: 'ant-d', provider: 'ant', model: 'claude-hostile-test' },
    ],
    aliases: { openai: { deployments: ['oa-d'] }, anthropic: { deployments: ['ant-d'] } },
    retry: { maxRetries: 0, maxFallbacks: 0 },
    ...extra,
  };
}

export interface Rig {
  o: Orchestrator;
  ledger: FileLedgerStore;
  logs: string[];
  ledgerText(): string;
  dispose(): Promise<void>;
}

export async function rig(config: SwitchboardConfig): Promise<Rig> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sb-hardening-'));
  const ledger = await createFileLedgerStore({ dir, workspaceId: 'w', now: Date.now });
  const logs: string[] = [];
  const log: LogSink = { info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(m) };
  const o = createOrchestrator(config, { keys: () => CANARY, ledger, log });
  return {
    o,
    ledger,
    logs,
    ledgerText: () => readFileSync(ledger.file, 'utf8'),
    dispose: async () => {
      o.dispose();
      await ledger.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const ask = (model: string, text = 'hello', extra: Partial<ChatRequest> = {}): ChatRequest => ({ model, messages: [{ role: 'user', content: text }], ...extra });

export interface Ended {
  text: string;
  record: CallRecord;
  error?: SwitchboardError;
}

/** Streams a request to its terminal event. */
export async function streamToEnd(o: Orchestrator, req: ChatRequest): Promise<Ended> {
  let text = '';
  for await (const ev of o.stream(req)) {
    if (ev.type === 'text') text += ev.text;
    if (ev.type === 'done') return { text, record: ev.record };
    if (ev.type === 'error') return { text, record: ev.record, error: ev.error };
  }
  throw new Error('stream ended without a terminal event');
}

/** `chat()` to its end: the thrown error (with its record) or the result's record. */
export async function chatToEnd(o: Orchestrator, req: ChatRequest): Promise<Ended> {
  try {
    const r = await o.chat(req);
    return { text: r.content, record: r.record };
  } catch (e) {
    if (!SwitchboardError.isInstance(e) || !e.record) throw e;
    return { text: e.partialContent ?? '', record: e.record, error: e };
  }
}

/** Both ways of asking, so each fault is checked on the JSON and the SSE path. */
export const MODES = [
  { name: 'stream', run: streamToEnd, stream: true },
  { name: 'json', run: chatToEnd, stream: false },
] as const;
