/**
 * A realistic file ledger for benchmarks: N records spread over 85 days (inside
 * retention), five models, some cache hits, errors and unknown costs, written
 * in the store's own JSONL format.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { ledgerFileName } from '../../src/core/ledger/ledger-file-name';
import { CallRecord } from '../../src/core/model/call-record';

const DAY = 86_400_000;
export const LEDGER_END = Date.parse('2026-06-30T23:00:00Z');
export const LEDGER_MONTH = { from: Date.parse('2026-06-01T00:00:00Z'), to: Date.parse('2026-07-01T00:00:00Z') };
const MODELS = ['gpt-4o-mini-2024-07-18', 'claude-sonnet-4-6', 'gpt-5.1', 'llama-3.3-70b-versatile', 'gemini-2.5-pro'];

export function ledgerRecord(i: number, n: number): CallRecord {
  const startedAt = LEDGER_END - Math.floor((i / n) * 85 * DAY);
  const model = MODELS[i % MODELS.length] ?? 'm';
  return {
    id: `r${i}`, requested: 'fast', alias: i % 3 === 0 ? 'smart' : 'fast', deploymentId: `d${i % 7}`, provider: 'p', model,
    attempts: [{ deploymentId: `d${i % 7}`, kind: 'first', outcome: 'ok', startedAt, latencyMs: 300 }],
    usage: { inputTokens: 1000 + (i % 500), outputTokens: 200, cacheReadTokens: i % 4 === 0 ? 512 : 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false },
    costUsd: i % 50 === 0 ? null : 0.0004 + (i % 11) * 1e-5, priceSource: 'library', cache: i % 10 === 0 ? 'hit' : 'miss',
    status: i % 40 === 0 ? 'error' : 'ok', startedAt, endedAt: startedAt + 900, origin: i % 2 ? 'chat' : 'explain', workspace: 'bench',
  };
}

/** Writes `n` records (oldest first) for workspace `bench` into `dir`; returns the file and its size. */
export async function writeLedgerFixture(dir: string, n: number): Promise<{ file: string; bytes: number }> {
  const file = path.join(dir, ledgerFileName('bench'));
  const body: string[] = [JSON.stringify({ v: 1, type: 'header', workspaceId: 'bench', createdAt: LEDGER_END }) + '\n'];
  for (let i = n - 1; i >= 0; i--) body.push(JSON.stringify({ v: 1, type: 'record', record: ledgerRecord(i, n) }) + '\n');
  await fsp.writeFile(file, body.join(''));
  return { file, bytes: (await fsp.stat(file)).size };
}
