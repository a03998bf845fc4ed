/**
 * The clients of the in-process benchmarks (bytes and code per call): the bare
 * `openai` SDK and the peer benchmark's Switchboard (`peerConfig`, a real file
 * ledger, a cache miss every call), both against a fake `fetch` that answers at
 * once — no sockets, no other process, so what they measure repeats from run to run.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { promises as fsp } from 'node:fs';
import OpenAI from 'openai';
import type { Orchestrator } from '../../src/core/index';
import { KEY, loadCore } from './bench-utils';
import { PRIMARY, peerConfig } from './peer-clients';

export const STREAM_CHUNKS = 50;
const BASE_URL = 'http://127.0.0.1:9/v1';

/** The provider's answers, made per request like a server would: JSON, or an SSE stream of `STREAM_CHUNKS` words. */
export const fakeFetch = (async (_input: unknown, init?: RequestInit): Promise<Response> => {
  const req = JSON.parse(String(init?.body)) as { model: string; stream?: boolean };
  if (req.stream) {
    let sse = '';
    for (let i = 0; i < STREAM_CHUNKS; i++) sse += `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: req.model, choices: [{ index: 0, delta: { content: `w${i} ` }, finish_reason: null }] })}\n\n`;
    sse += `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: req.model, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage: { prompt_tokens: 12, completion_tokens: STREAM_CHUNKS, total_tokens: 12 + STREAM_CHUNKS } })}\n\ndata: [DONE]\n\n`;
    return new Response(sse, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  }
  const body = JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: req.model, choices: [{ index: 0, message: { role: 'assistant', content: 'hello there' }, finish_reason: 'stop' }], usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 } });
  return new Response(body, { status: 200, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } });
}) as typeof fetch;

export interface InProcessClient {
  name: string;
  json(prompt: string): Promise<unknown>;
  stream(prompt: string): Promise<unknown>;
  /** The file of its own code (Switchboard's core bundle), which the benchmarks break down. */
  codeFile?: string;
  close(): Promise<void>;
}

const user = (content: string): { role: 'user'; content: string }[] => [{ role: 'user', content }];

export function baselineClient(): InProcessClient {
  const sdk = new OpenAI({ baseURL: BASE_URL, apiKey: KEY, maxRetries: 0, fetch: fakeFetch });
  return {
    name: 'openai SDK (baseline)',
    json: async (prompt) => (await sdk.chat.completions.create({ model: PRIMARY, messages: user(prompt), temperature: 0 })).choices[0]?.message.content,
    async stream(prompt) {
      let n = 0;
      const s = await sdk.chat.completions.create({ model: PRIMARY, messages: user(prompt), temperature: 0, stream: true, stream_options: { include_usage: true } });
      for await (const c of s) if (c.choices[0]?.delta?.content) n++;
      return n;
    },
    close: async () => undefined,
  };
}

/** `bundle`: another build of the core (an A/B); by default dist/core.js. */
export async function switchboardClient(bundle?: string): Promise<InProcessClient> {
  const core = loadCore(bundle);
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sb-inproc-ledger-'));
  const ledger = await core.createFileLedgerStore({ dir, workspaceId: 'bench', now: Date.now, calendar: core.localCalendar });
  const orch: Orchestrator = core.createOrchestrator(peerConfig(BASE_URL), { keys: () => KEY, ledger, workspace: 'bench', fetch: fakeFetch });
  orch.onRecord(() => undefined);
  return {
    name: bundle ? `Switchboard, ${path.basename(path.dirname(path.dirname(path.resolve(bundle))))} build` : 'Switchboard (dist/core.js)',
    codeFile: path.resolve(bundle ?? path.join(__dirname, '../../dist/core.js')),
    async json(prompt) {
      const r = await orch.chat({ model: 'fast', messages: user(prompt), temperature: 0 });
      if (r.record.cache !== 'miss') throw new Error(`expected a cache miss, got ${r.record.cache}`);
      return r.content;
    },
    async stream(prompt) {
      let n = 0;
      for await (const ev of orch.stream({ model: 'fast', messages: user(prompt), temperature: 0 })) {
        if (ev.type === 'text') n++;
        else if (ev.type === 'error') throw ev.error;
      }
      return n;
    },
    async close() {
      orch.dispose();
      await ledger.close();
      await fsp.rm(dir, { recursive: true, force: true });
    },
  };
}

/** `--other-build path/to/core.js` from the command line, if given. */
export function otherBuildArg(): string | undefined {
  const at = process.argv.indexOf('--other-build');
  return at > 0 ? process.argv[at + 1] : undefined;
}
