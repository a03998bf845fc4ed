import assert from 'node:assert/strict';
import { SwitchboardConfig } from '../../../src/core/config/switchboard-config';
import { BudgetsConfig } from '../../../src/core/budget/budget-config';
import { createMemoryLedgerStore } from '../../../src/core/ledger/memory-ledger-store';
import { CallRecord } from '../../../src/core/model/call-record';
import { ZERO_USAGE } from '../../../src/core/model/usage';
import { FakeProvider, startFakeProvider } from '../../support/fake-provider';
import { ask, collect, make, providers } from './helpers';

/**
 * R13 through the orchestrator: budgets reserve the worst case before sending
 * and settle after, so concurrent streams near the cap overshoot by at most one
 * request; block / downgrade / warn each do what the config says.
 */
describe('R13 budgets through the orchestrator (real sockets, streaming)', function () {
  this.timeout(20_000);
  let fp: FakeProvider;
  before(async () => {
    fp = await startFakeProvider();
  });
  after(() => fp.close());
  beforeEach(() => fp.reset());

  const WS = 'ws-budget';
  // $1000 per million tokens: one token costs exactly $0.001.
  const config = (budgets: BudgetsConfig): SwitchboardConfig => ({
    providers: providers(fp),
    deployments: [
      { id: 'pricey', provider: 'oa', model: 'pricey-model', price: { inputPerMTok: 1000, outputPerMTok: 1000 } },
      { id: 'thrifty', provider: 'oa', model: 'thrifty-model', price: { inputPerMTok: 10, outputPerMTok: 10 } },
    ],
    aliases: { smart: { deployments: ['pricey'] }, cheap: { deployments: ['thrifty'] } },
    budgets,
  });

  /** A ledger that already holds `spentUsd` of today's spend for the workspace. */
  const seededLedger = async (spentUsd: number) => {
    const ledger = createMemoryLedgerStore({ workspaceId: WS });
    const now = Date.now();
    const seed: CallRecord = { id: 'seed', requested: 'smart', alias: 'smart', deploymentId: 'pricey', model: 'pricey-model', attempts: [], usage: { ...ZERO_USAGE }, costUsd: spentUsd, priceSource: 'config', cache: 'miss', status: 'ok', startedAt: now - 1000, endedAt: now - 900, workspace: WS };
    await ledger.append(seed);
    return ledger;
  };

  it('20 concurrent streams near a blocking daily cap: total spend exceeds the cap by at most one worst case; the rest are refused with a clear budget_exceeded', async () => {
    fp.forModel('pricey-model', { kind: 'answer', text: 'fine thanks', interChunkDelayMs: 40 });
    const limitUsd = 1;
    const ledger = await seededLedger(0.9);
    const o = make(config({ workspace: { daily: { limitUsd, action: 'block' } } }), { ledger, workspace: WS });
    const req = ask('smart', 'Tell me something short please', { max_tokens: 10 });
    const results = await Promise.all(Array.from({ length: 20 }, () => collect(o, req)));

    const ok = results.filter((r) => r.record.status === 'ok');
    const blocked = results.filter((r) => r.error?.kind === 'budget_exceeded');
    assert.equal(ok.length + blocked.length, 20, JSON.stringify(results.map((r) => [r.record.status, r.error?.kind])));
    assert.ok(ok.length >= 1, 'some requests fit under the cap');
    assert.ok(blocked.length >= 1, 'the rest are refused');
    assert.equal(fp.requests.length, ok.length, 'a refused request never reaches the provider');

    // One request's worst case: input estimate + max_tokens, at $0.001 a token (an upper bound on the estimate).
    const worstCase = (60 + 10) * 0.001;
    // Records are published after their callers have the answers: flush() publishes the last ones.
    await o.flush();
    const summary = await ledger.summary({ workspace: WS });
    assert.equal(summary.totals.requests, 21);
    assert.ok(summary.totals.costUsd > 0.9, 'the streamed answers were billed');
    assert.ok(summary.totals.costUsd <= limitUsd + worstCase, `total ${summary.totals.costUsd} vs cap ${limitUsd} + one worst case ${worstCase}`);
    for (const r of ok) assert.ok(r.record.costUsd! > 0 && r.record.usage.estimated === false);

    const err = blocked[0]!.error!;
    assert.equal(err.retryable, false);
    assert.match(err.message, /workspace daily/, 'names the budget');
    assert.match(err.message, /\$0\.9\d*/, 'names the spend');
    assert.match(err.message, /\$1\.00/, 'names the limit');
    assert.match(err.message, /resets at \d{4}-\d\d-\d\d \d\d:\d\d \(UTC([+-]\d\d:\d\d)?\)/, 'names the reset time, local, with its offset');
    assert.equal(blocked[0]!.record.status, 'error');
    assert.equal(blocked[0]!.record.errorKind, 'budget_exceeded');
    assert.equal(blocked[0]!.record.costUsd, 0);
    o.dispose();
  });

  it('chat() near a blocking cap throws budget_exceeded too', async () => {
    const ledger = await seededLedger(0.999);
    const o = make(config({ workspace: { daily: { limitUsd: 1, action: 'block' } } }), { ledger, workspace: WS });
    await assert.rejects(o.chat(ask('smart', 'hello', { max_tokens: 10 })), (e: { kind?: string; message?: string }) => e.kind === 'budget_exceeded' && /workspace daily/.test(e.message ?? ''));
    assert.equal(fp.requests.length, 0);
    o.dispose();
  });

  it('downgrade: routes to the named alias, the record says so and what it saved', async () => {
    const ledger = await seededLedger(0.95);
    const o = make(config({ workspace: { daily: { limitUsd: 1, action: 'downgrade', downgradeTo: 'cheap' } } }), { ledger, workspace: WS });
    const r = await collect(o, ask('smart', 'Tell me something short please', { max_tokens: 100 }));
    assert.equal(r.record.status, 'ok');
    assert.equal(fp.requests.length, 1);
    assert.equal(fp.requests[0]!.model, 'thrifty-model', 'the cheap alias answered');
    assert.equal(r.record.deploymentId, 'thrifty');
    assert.deepEqual(r.record.route, { tier: 'cheap', reason: 'budget downgrade from "smart"' });
    const tokens = r.record.usage.inputTokens + r.record.usage.outputTokens;
    assert.ok(Math.abs(r.record.costUsd! - tokens * 10 / 1e6) <= 1e-12);
    assert.ok(r.record.savedUsd !== undefined && Math.abs(r.record.savedUsd - tokens * (1000 - 10) / 1e6) <= 1e-12, `savedUsd ${r.record.savedUsd}`);
    const notices = r.events.flatMap((e) => (e.type === 'attempt' && e.notice.kind === 'budget' ? [e.notice.message] : []));
    assert.ok(notices.some((m) => /workspace daily.*reached.*"cheap" instead of "smart"/.test(m)), JSON.stringify(notices));
    o.dispose();
  });

  it('warn: a budget notice, but the request is answered on the requested alias', async () => {
    const ledger = await seededLedger(1.5);
    const o = make(config({ workspace: { daily: { limitUsd: 1, action: 'warn' } } }), { ledger, workspace: WS });
    const r = await collect(o, ask('smart', 'hello', { max_tokens: 10 }));
    assert.equal(r.record.status, 'ok');
    assert.equal(r.record.deploymentId, 'pricey');
    const notice = r.events.find((e) => e.type === 'attempt' && e.notice.kind === 'budget');
    assert.ok(notice && notice.type === 'attempt' && notice.notice.kind === 'budget');
    assert.match(notice.notice.message, /workspace daily.*\$1\.50.*\$1\.00.*resets at/);
    assert.equal(fp.requests.length, 1);
    o.dispose();
  });
});
