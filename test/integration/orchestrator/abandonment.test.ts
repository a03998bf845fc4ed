import assert from 'node:assert/strict';
import { SwitchboardConfig } from '../../../src/core/config/switchboard-config';
import { createMemoryLedgerStore } from '../../../src/core/ledger/memory-ledger-store';
import { CallRecord } from '../../../src/core/model/call-record';
import { FakeProvider, startFakeProvider } from '../../support/fake-provider';
import { ask, fastAndSmart, make, providers, until } from './helpers';

/**
 * A consumer that stops reading (`break` out of `for await`) is a cancel: the
 * upstream socket closes, and the request is still recorded, billed for what
 * was received, and released from its budget reservation.
 */
describe('Consumer abandonment: break out of for-await mid-stream', function () {
  this.timeout(20_000);
  let fp: FakeProvider;
  before(async () => {
    fp = await startFakeProvider();
  });
  after(() => fp.close());
  beforeEach(() => fp.reset());

  const config = (): SwitchboardConfig => fastAndSmart(fp, { budgets: { workspace: { daily: { limitUsd: 100, action: 'block' } } } });

  for (const [alias, model] of [['fast', 'gpt-4o-mini-2024-07-18'], ['smart', 'claude-sonnet-4-5-20250929']] as const) {
    it(`${alias}: the server sees the socket close and the ledger gets a cancelled record with its cost`, async () => {
      fp.forModel(model, { kind: 'answer', text: 'w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 w15 w16 w17 w18 w19 w20', interChunkDelayMs: 50 });
      const ledger = createMemoryLedgerStore({ workspaceId: 'ws-abandon' });
      const o = make(config(), { ledger, workspace: 'ws-abandon' });
      const records: CallRecord[] = [];
      o.onRecord((r) => records.push(r));
      let texts = 0;
      const t0 = Date.now();
      for await (const ev of o.stream(ask(alias, 'Count for me please', { temperature: 0 }))) {
        if (ev.type === 'text' && ++texts === 3) break;
      }
      const brokeAt = Date.now();
      assert.ok(brokeAt - t0 < 20 * 50, 'we stopped well before the answer would have ended');
      const sent = fp.requests[0]!;
      const closed = await fp.waitForClose(sent.id, 2000);
      assert.equal(closed.clientAborted, true, 'the client closed the socket before the response finished');
      assert.ok(closed.closedAt! - brokeAt < 500, `socket closed ${closed.closedAt! - brokeAt} ms after break`);
      assert.ok(closed.chunkWrittenAt.length < 20, 'the server did not get to send the whole answer');

      await until(() => records.length === 1, 2000, 'the cancelled record');
      const stored = await ledger.query();
      assert.equal(stored.length, 1);
      const rec = stored[0]!;
      assert.equal(rec.status, 'cancelled');
      assert.equal(rec.errorKind, 'cancelled');
      assert.equal(rec.alias, alias);
      assert.equal(rec.deploymentId, alias === 'fast' ? 'mini' : 'sonnet', 'the record names the deployment that was answering');
      assert.ok(rec.usage.inputTokens > 0 && rec.usage.outputTokens >= 3, JSON.stringify(rec.usage));
      assert.ok(typeof rec.costUsd === 'number' && rec.costUsd > 0, `cost for what was received: ${rec.costUsd} (${rec.priceSource})`);
      assert.equal(rec.priceSource, 'library');
      assert.equal(rec.attempts.length, 1);
      assert.equal(rec.attempts[0]!.outcome, 'cancelled');

      // The partial answer is not cached: the same request goes to the server again.
      fp.forModel(model, { kind: 'answer' });
      const again = await o.chat(ask(alias, 'Count for me please', { temperature: 0 }));
      assert.equal(again.record.cache, 'miss');
      assert.equal(fp.requests.length, 2);
      o.dispose();
    });
  }

  it('breaking out of a cache-hit replay records a hit, not a cancelled miss', async () => {
    fp.forModel('gpt-4o-mini-2024-07-18', { kind: 'answer', text: 'a b c d e f' });
    const o = make(config());
    const records: CallRecord[] = [];
    o.onRecord((r) => records.push(r));
    const req = ask('fast', 'Replay me', { temperature: 0 });
    await o.chat(req);
    for await (const ev of o.stream(req)) if (ev.type === 'text') break;
    await until(() => records.length === 2, 2000, 'the second record');
    assert.equal(fp.requests.length, 1);
    assert.equal(records[1]!.cache, 'hit');
    assert.equal(records[1]!.costUsd, 0);
    o.dispose();
  });

  it('breaking out at a budget notice releases the reservation and records the cancel (nothing sent)', async () => {
    const ledger = createMemoryLedgerStore({ workspaceId: 'ws-abandon' });
    const now = Date.now();
    await ledger.append({ id: 'seed', requested: 'x', attempts: [], usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false }, costUsd: 0.85, priceSource: 'config', cache: 'miss', status: 'ok', startedAt: now - 10, endedAt: now - 5, workspace: 'ws-abandon' });
    const cfg: SwitchboardConfig = {
      providers: providers(fp),
      // $0.001 a token: a request with max_tokens 100 reserves about $0.11, so the $0.15 headroom fits one, not two.
      deployments: [{ id: 'pricey', provider: 'oa', model: 'pricey-model', price: { inputPerMTok: 1000, outputPerMTok: 1000 } }],
      aliases: { smart: { deployments: ['pricey'] } },
      budgets: { workspace: { daily: { limitUsd: 1, action: 'block' } } },
    };
    const o = make(cfg, { ledger, workspace: 'ws-abandon' });
    const records: CallRecord[] = [];
    o.onRecord((r) => records.push(r));
    const req = ask('smart', 'hi', { max_tokens: 100 });
    let sawNotice = false;
    for await (const ev of o.stream(req)) {
      if (ev.type === 'attempt' && ev.notice.kind === 'budget') {
        sawNotice = true;
        break;
      }
    }
    assert.ok(sawNotice, 'a near-budget notice came first');
    await until(() => records.length === 1, 2000, 'the cancelled record');
    assert.equal(records[0]!.status, 'cancelled');
    assert.equal(records[0]!.costUsd, 0);
    assert.equal(fp.requests.length, 0);
    // The abandoned request's reservation was released: the next one fits.
    const next = await o.chat(req);
    assert.equal(next.record.status, 'ok');
    o.dispose();
  });
});
