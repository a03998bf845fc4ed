import * as assert from 'node:assert/strict';
import { FakeProvider, rateLimited, startFakeProvider } from '../../support/fake-provider';
import { MovableClock, ask, baseConfig, collect, dep, health, orchestrator, tryChat } from './harness';

describe('Router limits, health and hot config swap over real sockets', () => {
  let server: FakeProvider;
  before(async () => {
    server = await startFakeProvider();
  });
  after(async () => server.close());
  beforeEach(() => server.reset());

  describe('R14: RPM / TPM', () => {
    it('the server sees ≤ rpm requests in any 60 s window; at-capacity deployments are skipped', async () => {
      const clock = new MovableClock();
      const config = baseConfig(server, [dep('a', 'oa', { rpm: 3 }), dep('b', 'oa2', { rpm: 2 })], { x: { deployments: ['a', 'b'] } });
      const o = orchestrator(config, { now: clock.now });
      const served: (string | undefined)[] = [];
      for (let i = 0; i < 7; i += 1) {
        clock.advance(5_000);
        const r = await tryChat(o, ask('x'));
        served.push(r.record.deploymentId ?? r.error?.kind);
      }
      assert.deepEqual(served, ['a', 'a', 'a', 'b', 'b', 'no_deployment_available', 'no_deployment_available']);
      const limited = await tryChat(o, ask('x'));
      assert.match(limited.error?.message ?? '', /RPM limit/);
      assert.ok((limited.error?.retryAfterMs ?? 0) > 0);
      assert.equal(server.requests.length, 5);
      clock.advance(60_000 - 30_000);
      const later = await tryChat(o, ask('x'));
      assert.equal(later.record.deploymentId, 'a', 'the window slid');
    });

    it('TPM is estimated before sending and reconciled with real usage after', async () => {
      const config = baseConfig(server, [dep('a', 'oa', { tpm: 2_000 })], { x: { deployments: ['a'] } });
      const o = orchestrator(config);
      const prompt = 'word '.repeat(1200); // ≈ 1,500 estimated tokens; the fake server counts words (~1,200)
      const first = await tryChat(o, { ...ask('x', prompt) });
      assert.equal(first.record.status, 'ok');
      const used = health(o)[0]?.tpmUsed;
      assert.equal(used, first.record.usage.inputTokens + first.record.usage.outputTokens, 'reconciled with reported usage');
      const second = await tryChat(o, ask('x', prompt));
      assert.equal(second.error?.kind, 'no_deployment_available');
      assert.match(second.error?.message ?? '', /TPM limit/);
      assert.equal(server.requests.length, 1);
    });

    it('a global concurrency cap queues requests in a bounded queue', async () => {
      const config = baseConfig(server, [dep('a')], { x: { deployments: ['a'] } }, { limits: { maxConcurrent: 1, maxQueue: 1 } });
      server.forModel('model-a', { kind: 'answer', text: 'slow', headersDelayMs: 200 });
      const o = orchestrator(config);
      const results = await Promise.all([tryChat(o, ask('x', '1')), collect(o, ask('x', '2')), tryChat(o, ask('x', '3'))]);
      assert.equal(results[0].record.status, 'ok');
      assert.equal(results[1].record.status, 'ok');
      assert.ok(results[1].events.some((e) => e.type === 'attempt' && e.notice.kind === 'waiting' && e.notice.reason === 'queue'));
      assert.equal(results[2].error?.kind, 'overloaded');
      const [r1, r2] = server.requests;
      assert.ok((r2?.arrivedAt ?? 0) >= (r1?.responseFinishedAt ?? Infinity) - 5, 'the second ran after the first finished');
    });
  });

  describe('health()', () => {
    it('reports cooldown end, in-flight, rpm/tpm used, latency p50/p95 and error rate per deployment', async () => {
      const config = baseConfig(server, [dep('a', 'oa', { rpm: 100, tpm: 100_000 }), dep('b', 'oa2')], { x: { deployments: ['a', 'b'] } });
      const o = orchestrator(config);
      server.forModel('model-b', { kind: 'answer', text: 'slow', headersDelayMs: 300 });
      for (let i = 0; i < 3; i += 1) await tryChat(o, ask('x'));
      server.forModel('model-a', [rateLimited({ retryAfterSeconds: 30 })]);
      const pending = tryChat(o, ask('x'));
      await server.waitFor((reqs) => reqs.some((r) => r.model === 'model-b'));
      const during = health(o);
      const a = during.find((h) => h.deploymentId === 'a');
      const b = during.find((h) => h.deploymentId === 'b');
      assert.equal(b?.inFlight, 1);
      assert.ok(a?.cooldownUntil !== undefined && a.cooldownUntil > Date.now() + 25_000);
      assert.equal(a?.cooldownReason, 'rate_limited');
      assert.equal(a?.rpmUsed, 4);
      assert.ok((a?.tpmUsed ?? 0) > 0);
      assert.equal(a?.rpmLimit, 100);
      assert.ok(typeof a?.latencyP50Ms === 'number' && typeof a?.latencyP95Ms === 'number');
      assert.equal(a?.errorRate, 0.25);
      await pending;
      assert.equal(health(o).find((h) => h.deploymentId === 'b')?.inFlight, 0);
    });
  });

  describe('R18: config changed while requests are in flight', () => {
    it('in-flight requests finish on the old config; removed deployments lose their state; new aliases apply next', async () => {
      const config = baseConfig(server, [dep('a'), dep('b', 'oa2')], { fast: { deployments: ['a'] }, other: { deployments: ['b'] } });
      const o = orchestrator(config);
      // Put "b" in a cooldown so we can see its state dropped when it is removed.
      server.forModel('model-b', [rateLimited({ retryAfterSeconds: 60 })]);
      await tryChat(o, ask('other'));
      assert.ok(health(o).find((h) => h.deploymentId === 'b')?.cooldownUntil);

      server.forModel('model-a', { kind: 'answer', chunks: ['old ', 'config ', 'answer'], interChunkDelayMs: 150 });
      const inFlight = collect(o, ask('fast'));
      await server.waitFor((reqs) => reqs.some((r) => r.model === 'model-a'));
      const next = baseConfig(server, [dep('a'), dep('c', 'ant')], { fast: { deployments: ['c'] }, brandNew: { deployments: ['a'] } });
      o.updateConfig(next);
      const old = await inFlight;
      assert.equal(old.record.status, 'ok');
      assert.equal(old.content, 'old config answer');
      assert.equal(old.record.deploymentId, 'a');
      const after = await tryChat(o, ask('fast'));
      assert.equal(after.record.deploymentId, 'c', 'the swapped alias applies to the next request');
      assert.equal((await tryChat(o, ask('brandNew'))).record.deploymentId, 'a', 'new aliases apply');
      assert.deepEqual(health(o).map((h) => h.deploymentId), ['a', 'c']);
      o.updateConfig(config);
      assert.equal(health(o).find((h) => h.deploymentId === 'b')?.cooldownUntil, undefined, 'state of the removed deployment was dropped');
      assert.ok((health(o).find((h) => h.deploymentId === 'a')?.rpmUsed ?? 0) >= 2, 'state of kept deployments stays');
    });

    it('an invalid config is refused and the orchestrator keeps running on the last good one (R20)', async () => {
      const config = baseConfig(server, [dep('a')], { fast: { deployments: ['a'] } });
      const o = orchestrator(config);
      assert.throws(() => o.updateConfig({ ...config, aliases: { fast: { deployments: ['nope'] } } }), (e: unknown) => (e as { kind?: string }).kind === 'invalid_config' && /aliases\.fast\.deployments\[0\]/.test((e as Error).message));
      assert.equal((await tryChat(o, ask('fast'))).record.deploymentId, 'a');
    });
  });
});
