import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SwitchboardConfig } from '../../../src/core/config/switchboard-config';
import { createFileLedgerStore, FileLedgerStore } from '../../../src/core/ledger/file-ledger-store';
import { CallRecord } from '../../../src/core/model/call-record';
import { FakeProvider, startFakeProvider } from '../../support/fake-provider';
import { ask, collect, make, providers } from './helpers';

/**
 * The ledger through the orchestrator: every record (ok, error, cancelled,
 * incomplete, cache hit) lands in the per-workspace file and survives a reopen;
 * partial answers carry partial usage and cost; a canary key never reaches the
 * file or its exports (S2).
 */
describe('Ledger: every CallRecord through the orchestrator reaches the file ledger', function () {
  this.timeout(20_000);
  let fp: FakeProvider;
  let dir: string;
  before(async () => {
    fp = await startFakeProvider();
  });
  after(() => fp.close());
  beforeEach(() => {
    fp.reset();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-ledger-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  // Two canaries: one key-shaped (caught by pattern), one opaque (only the host's secret list can catch it).
  const CANARY_OA = 'sk-canary-OA-5f1e2d3c4b5a69788';
  const CANARY_ANT = 'CANARYopaque7Q2w9Z4x';
  const keys = { oa: CANARY_OA, ant: CANARY_ANT, emb: 'unused' };
  const secrets = (): readonly string[] => Object.values(keys);

  const config = (): SwitchboardConfig => ({
    providers: providers(fp),
    deployments: [
      { id: 'mini', provider: 'oa', model: 'gpt-4o-mini-2024-07-18' },
      { id: 'sonnet', provider: 'ant', model: 'claude-sonnet-4-5-20250929' },
    ],
    aliases: { fast: { deployments: ['mini'] }, smart: { deployments: ['sonnet'] } },
  });

  const open = (): Promise<FileLedgerStore> => createFileLedgerStore({ dir, workspaceId: 'ws-ledger', now: Date.now, secrets });

  it('ok, error, cancelled, incomplete and cache-hit records are appended, durable and readable after reopening', async () => {
    const ledger = await open();
    const o = make(config(), { ledger, workspace: 'ws-ledger' }, keys);
    const published: CallRecord[] = [];
    o.onRecord((r) => published.push(r));

    // 1. ok (deterministic, so it is stored in the cache)
    const ok = await collect(o, ask('fast', 'First question for the ledger', { temperature: 0 }));
    assert.equal(ok.record.status, 'ok');
    // 2. cache hit: the same request again
    const hit = await collect(o, ask('fast', 'First question for the ledger', { temperature: 0 }));
    assert.equal(hit.record.cache, 'hit');
    // 3. incomplete: the stream is cut after 3 text chunks
    fp.forModel('gpt-4o-mini-2024-07-18', [{ kind: 'cut', afterChunks: 3, text: 'one two three four five six seven' }]);
    const cut = await collect(o, ask('fast', 'Second question for the ledger'));
    assert.equal(cut.record.status, 'incomplete');
    assert.equal(cut.content, 'one two three ');
    // 4. cancelled: the caller aborts after the first text event
    fp.forModel('claude-sonnet-4-5-20250929', [{ kind: 'answer', text: 'a b c d e f g h i j k l', interChunkDelayMs: 30 }]);
    const ac = new AbortController();
    let cancelled: CallRecord | undefined;
    for await (const ev of o.stream(ask('smart', 'Third question for the ledger'), { signal: ac.signal })) {
      if (ev.type === 'text') ac.abort();
      if (ev.type === 'done' || ev.type === 'error') cancelled = ev.record;
    }
    assert.equal(cancelled?.status, 'cancelled');
    // 5. error: a 401 whose body echoes both keys (some providers echo what they rejected)
    fp.forModel('claude-sonnet-4-5-20250929', [{ kind: 'error', status: 401, body: { type: 'error', error: { type: 'authentication_error', message: `invalid x-api-key ${CANARY_ANT} (also tried ${CANARY_OA})` } } }]);
    const err = await collect(o, ask('smart', 'Fourth question for the ledger'));
    assert.equal(err.record.status, 'error');
    assert.equal(err.record.errorKind, 'auth');
    assert.ok(err.error && !err.error.message.includes(CANARY_ANT), 'the error shown to the caller does not echo the key it was sent');
    o.dispose();

    assert.equal(published.length, 5);
    await ledger.close();

    // Reopen from disk: every record is there, in order, and the file is clean.
    const again = await open();
    assert.deepEqual(again.openReport.corruptLines, []);
    assert.equal(again.openReport.tornTailBytes, 0);
    const stored = await again.query();
    assert.deepEqual(stored.map((r) => r.id), published.map((r) => r.id));
    assert.deepEqual(stored.map((r) => [r.status, r.cache]), [['ok', 'miss'], ['ok', 'hit'], ['incomplete', 'miss'], ['cancelled', 'miss'], ['error', 'miss']]);
    for (const r of stored) assert.equal(r.workspace, 'ws-ledger');

    const [sOk, sHit, sCut, sCancelled, sErr] = stored as [CallRecord, CallRecord, CallRecord, CallRecord, CallRecord];
    assert.deepEqual(sOk.usage, ok.record.usage);
    assert.equal(sOk.costUsd, ok.record.costUsd);
    assert.ok(sOk.costUsd! > 0);
    assert.equal(sHit.costUsd, 0);
    assert.equal(sHit.savedUsd, sOk.costUsd);
    // Partial answers are billed for what was received.
    assert.ok(sCut.usage.inputTokens > 0 && sCut.usage.outputTokens > 0, JSON.stringify(sCut.usage));
    assert.equal(sCut.usage.estimated, true, 'the cut stream never sent its usage');
    assert.ok(typeof sCut.costUsd === 'number' && sCut.costUsd > 0, `incomplete cost ${sCut.costUsd}`);
    assert.equal(sCut.priceSource, 'library');
    assert.ok(sCancelled.usage.inputTokens > 0 && sCancelled.usage.outputTokens > 0, JSON.stringify(sCancelled.usage));
    assert.ok(typeof sCancelled.costUsd === 'number' && sCancelled.costUsd > 0, `cancelled cost ${sCancelled.costUsd}`);
    assert.equal(sErr.errorKind, 'auth');
    assert.match(sErr.errorMessage ?? '', /\[redacted\]/);

    const summary = await again.summary();
    assert.equal(summary.totals.requests, 5);
    assert.equal(summary.totals.cacheHits, 1);
    assert.ok(Math.abs(summary.totals.costUsd - (sOk.costUsd! + sCut.costUsd! + sCancelled.costUsd!)) < 1e-12);

    // S2: no canary anywhere on disk or in exports.
    const exports = [fs.readFileSync(again.file, 'utf8'), await again.exportCsv(), await again.exportJson(), ...fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))];
    for (const text of exports) {
      for (const canary of [CANARY_OA, CANARY_ANT]) assert.ok(!text.includes(canary), `canary ${canary} leaked`);
    }
    await again.close();
  });
});
