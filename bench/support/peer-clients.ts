/**
 * The four clients the peer benchmark compares, each configured the way a user
 * of that library would set up "two models, fall back to the second":
 *  - baseline:    the raw `openai` SDK, maxRetries 0, straight to the fake provider;
 *  - vercel:      Vercel AI SDK (`ai` generateText/streamText) over `ai-fallback` with two
 *                 `@ai-sdk/openai` chat models, maxRetries 0;
 *  - portkey:     the `openai` SDK (its own copy, see ownModuleCopy) pointed at Portkey's open-source
 *                 gateway (a child process on loopback) with a fallback config of two targets on the fake provider;
 *  - switchboard: dist/core.js, alias of two deployments with rpm/tpm limits, a real file
 *                 ledger in a temp dir, workspace budgets, exact cache on (every call a miss).
 * Every client answers one JSON call and one stream in the same shape so the
 * benchmark can interleave them.
 */
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, streamText } from 'ai';
import { createFallback } from 'ai-fallback';
import { ChildProcess, spawn } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import OpenAI from 'openai';
import type { Orchestrator, SwitchboardConfig } from '../../src/core/index';
import { KEY, loadCore } from './bench-utils';
import { ownModuleCopy } from './own-module-copy';

export const PRIMARY = 'gpt-4o-mini-2024-07-18';
export const SECONDARY = 'gpt-4o-2024-08-06';

export type ClientName = 'baseline' | 'vercel' | 'portkey' | 'switchboard' | 'switchboard-memory-ledger' | 'switchboard-other-build';

export interface PeerClient {
  name: ClientName;
  label: string;
  /** One non-streaming call; resolves with the answer text. */
  json(prompt: string): Promise<string>;
  /** One streaming call; `onText` runs for every non-empty text delta. */
  stream(prompt: string, onText: (text: string) => void): Promise<void>;
  /** After the fallback check: go back to the first model where the client remembers a failure. */
  settle?(): void;
  close(): Promise<void>;
}

const user = (content: string): { role: 'user'; content: string }[] => [{ role: 'user', content }];

function sdkClient(name: ClientName, label: string, sdk: OpenAI, close: () => Promise<void> = async () => undefined): PeerClient {
  return {
    name,
    label,
    async json(prompt) {
      const r = await sdk.chat.completions.create({ model: PRIMARY, messages: user(prompt), temperature: 0 });
      return r.choices[0]?.message.content ?? '';
    },
    async stream(prompt, onText) {
      const s = await sdk.chat.completions.create({ model: PRIMARY, messages: user(prompt), temperature: 0, stream: true, stream_options: { include_usage: true } });
      for await (const c of s) {
        const t = c.choices[0]?.delta?.content;
        if (t) onText(t);
      }
    },
    close,
  };
}

export function baselineClient(openaiBaseUrl: string): PeerClient {
  return sdkClient('baseline', 'openai SDK (baseline)', new OpenAI({ baseURL: openaiBaseUrl, apiKey: KEY, maxRetries: 0 }));
}

export function vercelClient(openaiBaseUrl: string): PeerClient {
  const provider = createOpenAI({ baseURL: openaiBaseUrl, apiKey: KEY });
  const model = createFallback({ models: [provider.chat(PRIMARY), provider.chat(SECONDARY)] });
  return {
    name: 'vercel',
    label: 'Vercel AI SDK + ai-fallback',
    async json(prompt) {
      const r = await generateText({ model, messages: user(prompt), temperature: 0, maxRetries: 0 });
      return r.text;
    },
    async stream(prompt, onText) {
      const r = streamText({ model, messages: user(prompt), temperature: 0, maxRetries: 0 });
      for await (const t of r.textStream) if (t) onText(t);
    },
    // ai-fallback stays on the model it fell back to until modelResetInterval passes.
    settle: () => {
      model.currentModelIndex = 0;
    },
    close: async () => undefined,
  };
}

/** Starts bench/support/portkey-gateway.mjs and resolves once it listens on loopback. */
async function startPortkey(): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(__dirname, 'portkey-gateway.mjs'), '0'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'production' } });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const port = await new Promise<number>((resolve, reject) => {
    let buf = '';
    child.once('exit', (code) => reject(new Error(`Portkey gateway exited (${code}) before listening:\n${stderr}`)));
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /\{"port":(\d+)\}/.exec(buf);
      if (m) resolve(Number(m[1]));
    });
  });
  return { port, child };
}

export async function portkeyClient(openaiBaseUrl: string): Promise<PeerClient> {
  const { port, child } = await startPortkey();
  const target = (model: string): Record<string, unknown> => ({ provider: 'openai', api_key: KEY, custom_host: openaiBaseUrl, override_params: { model } });
  const config = { strategy: { mode: 'fallback' }, targets: [target(PRIMARY), target(SECONDARY)] };
  // Its own copy of the SDK: with the baseline's, the baseline's code ran on Portkey's calls too (see ownModuleCopy).
  const PortkeyOpenAI = ownModuleCopy<{ OpenAI: typeof OpenAI }>('openai').OpenAI;
  if (PortkeyOpenAI === OpenAI) throw new Error('The Portkey client must not share the baseline\'s copy of the openai SDK.');
  const sdk = new PortkeyOpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: KEY, maxRetries: 0, defaultHeaders: { 'x-portkey-config': JSON.stringify(config) } });
  const close = (): Promise<void> =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return sdkClient('portkey', 'Portkey gateway (fallback config)', sdk, close);
}

/** Switchboard as the benchmarks run it: an alias of two deployments with rpm/tpm limits, workspace budgets, the exact cache on. */
export function peerConfig(openaiBaseUrl: string): SwitchboardConfig {
  return {
    providers: { oa: { kind: 'openai', baseUrl: openaiBaseUrl, apiKeySecret: 'oa' } },
    deployments: [
      { id: 'primary', provider: 'oa', model: PRIMARY, rpm: 1_000_000, tpm: 100_000_000, price: { inputPerMTok: 0.15, outputPerMTok: 0.6 } },
      { id: 'secondary', provider: 'oa', model: SECONDARY, rpm: 1_000_000, tpm: 100_000_000, price: { inputPerMTok: 2.5, outputPerMTok: 10 } },
    ],
    aliases: { fast: { deployments: ['primary', 'secondary'], strategy: 'ordered' } },
    limits: { maxConcurrent: 32, maxQueue: 256 },
    budgets: { workspace: { daily: { limitUsd: 1000, action: 'warn' }, monthly: { limitUsd: 10_000, action: 'block' } } },
  };
}

/**
 * `ledger: 'memory'` is a diagnostic variant (not in the default run): the same
 * orchestrator with an in-memory ledger, to split the file ledger's durable
 * append (write + fdatasync before the answer resolves) from the rest.
 */
export async function switchboardClient(
  openaiBaseUrl: string,
  ledgerKind: 'file' | 'memory' = 'file',
  /** Another build of the core (e.g. main before a change) in the same run: an A/B under the same machine state. */
  otherBuild?: string,
): Promise<PeerClient & { orchestrator: Orchestrator; records: () => number }> {
  const core = loadCore(otherBuild);
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'sb-peers-ledger-'));
  const ledger = ledgerKind === 'file' ? await core.createFileLedgerStore({ dir, workspaceId: 'bench', now: Date.now, calendar: core.localCalendar }) : core.createMemoryLedgerStore({ workspaceId: 'bench', now: Date.now });
  const orch = core.createOrchestrator(peerConfig(openaiBaseUrl), { keys: () => KEY, ledger, workspace: 'bench' });
  let records = 0;
  orch.onRecord(() => records++); // a telemetry listener, as the extension installs one
  return {
    name: otherBuild ? 'switchboard-other-build' : ledgerKind === 'file' ? 'switchboard' : 'switchboard-memory-ledger',
    label: otherBuild ? `Switchboard, ${path.basename(path.dirname(path.dirname(path.resolve(otherBuild))))} build` : ledgerKind === 'file' ? 'Switchboard (dist/core.js)' : 'Switchboard, in-memory ledger',
    orchestrator: orch,
    records: () => records,
    async json(prompt) {
      const r = await orch.chat({ model: 'fast', messages: user(prompt), temperature: 0 });
      if (r.record.cache !== 'miss') throw new Error(`switchboard: expected a cache miss, got ${r.record.cache}`);
      return r.content;
    },
    async stream(prompt, onText) {
      for await (const ev of orch.stream({ model: 'fast', messages: user(prompt), temperature: 0 })) {
        if (ev.type === 'text' && ev.text) onText(ev.text);
        else if (ev.type === 'error') throw ev.error;
      }
    },
    async close() {
      orch.dispose();
      await ledger.close();
      await fsp.rm(dir, { recursive: true, force: true });
    },
  };
}
