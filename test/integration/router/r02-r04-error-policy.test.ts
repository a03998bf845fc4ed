import * as assert from 'node:assert/strict';
import { FakeProvider, badRequest, contextOverflow, forbidden, insufficientQuota, serverError, startFakeProvider, unauthorized } from '../../support/fake-provider';
import { KEYS, ask, baseConfig, dep, orchestrator, tryChat } from './harness';

describe('Router error policy over real sockets', () => {
  let server: FakeProvider;
  before(async () => {
    server = await startFakeProvider();
  });
  after(async () => server.close());
  beforeEach(() => server.reset());

  describe('R2: fallback aliases pointing at each other', () => {
    it('terminates, each alias once, and surfaces the original kind (auth)', async () => {
      const config = baseConfig(server, [dep('dx'), dep('dy', 'oa2'), dep('dz', 'ant')], { x: { deployments: ['dx'], fallbacks: ['y'] }, y: { deployments: ['dy'], fallbacks: ['z', 'x'] }, z: { deployments: ['dz'], fallbacks: ['x', 'y'] } });
      server.setDefault(unauthorized());
      const { error, record } = await tryChat(orchestrator(config), ask('x'));
      assert.equal(error?.kind, 'auth');
      assert.equal(server.requests.length, 3);
      assert.deepEqual(record.attempts.map((a) => a.deploymentId), ['dx', 'dy', 'dz']);
      assert.ok(record.attempts.every((a) => a.errorKind === 'auth' && a.status === 401));
    });

    it('caps fallback hops at retry.maxFallbacks (default 5) on a long chain', async () => {
      const names = ['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7'];
      const aliases = Object.fromEntries(names.map((n, i) => [n, { deployments: [`d${i}`], fallbacks: [names[(i + 1) % names.length] as string] }]));
      const config = baseConfig(server, names.map((_, i) => dep(`d${i}`)), aliases, { retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 2 } });
      server.setDefault(serverError(500));
      const { error, record } = await tryChat(orchestrator(config), ask('a0'));
      assert.equal(error?.kind, 'server');
      assert.equal(record.attempts.length, 6); // the alias itself + 5 hops
      assert.equal(server.requests.length, 6);
    });

    it('the original error wins over later ones', async () => {
      const config = baseConfig(server, [dep('a'), dep('b', 'oa2')], { first: { deployments: ['a'], fallbacks: ['second'] }, second: { deployments: ['b'] } }, { retry: { maxRetries: 0 } });
      server.forModel('model-a', unauthorized());
      server.forModel('model-b', serverError(500));
      const { error } = await tryChat(orchestrator(config), ask('first'));
      assert.equal(error?.kind, 'auth');
      assert.equal(error?.deploymentId, 'a');
    });
  });

  describe('R3: context length exceeded', () => {
    it('no retry on the same deployment; goes to the context-window fallback', async () => {
      const config = baseConfig(server, [dep('small', 'oa', { contextWindow: 8000 }), dep('big', 'ant', { contextWindow: 200000 })], { s: { deployments: ['small'], contextWindowFallbacks: ['b'], fallbacks: [] }, b: { deployments: ['big'] } });
      server.forModel('model-small', contextOverflow(9000, 8000));
      const { record, error } = await tryChat(orchestrator(config), ask('s'));
      assert.equal(error, undefined);
      assert.equal(record.deploymentId, 'big');
      assert.equal(server.requestsFor('model-small').length, 1);
      assert.deepEqual(record.attempts.map((a) => [a.deploymentId, a.errorKind]), [['small', 'context_overflow'], ['big', undefined]]);
    });

    it('within an alias it moves only to a deployment with a larger window', async () => {
      const config = baseConfig(server, [dep('small', 'oa', { contextWindow: 8000 }), dep('same', 'oa', { contextWindow: 8000 }), dep('big', 'oa', { contextWindow: 128000 })], { s: { deployments: ['small', 'same', 'big'] } });
      server.forModel('model-small', contextOverflow(9000, 8000));
      const { record } = await tryChat(orchestrator(config), ask('s'));
      assert.equal(record.deploymentId, 'big');
      assert.equal(server.requestsFor('model-same').length, 0);
    });

    it('fails fast with context_overflow without a context-window fallback (even if other fallbacks exist)', async () => {
      const config = baseConfig(server, [dep('small'), dep('other')], { s: { deployments: ['small'], fallbacks: ['o'] }, o: { deployments: ['other'] } });
      server.forModel('model-small', contextOverflow());
      const { error } = await tryChat(orchestrator(config), ask('s'));
      assert.equal(error?.kind, 'context_overflow');
      assert.equal(server.requests.length, 1);
    });

    it('detects an oversize prompt before sending where the window is known', async () => {
      const config = baseConfig(server, [dep('small', 'oa', { contextWindow: 1000 }), dep('big', 'oa', { contextWindow: 100000 })], { s: { deployments: ['small'], contextWindowFallbacks: ['b'] }, b: { deployments: ['big'] }, only: { deployments: ['small'] } });
      const o = orchestrator(config);
      const long = 'lorem ipsum '.repeat(1000); // ≈ 3000 tokens
      const ok = await tryChat(o, ask('s', long));
      assert.equal(ok.record.deploymentId, 'big');
      assert.equal(server.requestsFor('model-small').length, 0);
      const fail = await tryChat(o, ask('only', long));
      assert.equal(fail.error?.kind, 'context_overflow');
      assert.equal(fail.record.attempts.length, 0);
      assert.equal(server.requestsFor('model-small').length, 0);
    });
  });

  describe('R4: 400 / 401 / 403 / quota', () => {
    it('400 invalid request: 0 retries, no failover', async () => {
      const config = baseConfig(server, [dep('a'), dep('b', 'oa2')], { x: { deployments: ['a', 'b'], fallbacks: [] } });
      server.forModel('model-a', badRequest());
      const { error } = await tryChat(orchestrator(config), ask('x'));
      assert.equal(error?.kind, 'bad_request');
      assert.equal(server.requests.length, 1);
    });

    it('401 fails over to another account, skips same-provider deployments, and marks the key unhealthy until it changes', async () => {
      const keys = { ...KEYS };
      const config = baseConfig(server, [dep('a'), dep('a2'), dep('b', 'oa2')], { x: { deployments: ['a', 'a2', 'b'] } });
      server.forModel('model-a', [unauthorized()]);
      const o = orchestrator(config, {}, keys);
      const first = await tryChat(o, ask('x'));
      assert.equal(first.record.deploymentId, 'b');
      assert.equal(server.requestsFor('model-a').length, 1);
      assert.equal(server.requestsFor('model-a2').length, 0, 'same provider (same key) is not tried');
      await tryChat(o, ask('x'));
      assert.equal(server.requestsFor('model-a').length, 1, 'rejected key is not used again');
      assert.equal(o.health().find((h) => h.deploymentId === 'a')?.keyRejected, true);
      keys.oa = 'sk-test-new-key-987654321';
      const third = await tryChat(o, ask('x'));
      assert.equal(third.record.deploymentId, 'a', 'a new key is tried again');
    });

    it('a config change also clears the rejected key', async () => {
      const config = baseConfig(server, [dep('a'), dep('b', 'oa2')], { x: { deployments: ['a', 'b'] } });
      server.forModel('model-a', [unauthorized()]);
      const o = orchestrator(config);
      await tryChat(o, ask('x'));
      const changed = { ...config, providers: { ...config.providers, oa: { ...config.providers.oa, headers: { 'x-team': 'blue' } } } } as typeof config;
      o.updateConfig(changed);
      const { record } = await tryChat(o, ask('x'));
      assert.equal(record.deploymentId, 'a');
    });

    it('403 and quota exhaustion: 0 retries on that deployment, never loop', async () => {
      for (const fault of [forbidden(), insufficientQuota()]) {
        server.reset();
        const config = baseConfig(server, [dep('a'), dep('b', 'oa2')], { x: { deployments: ['a'], fallbacks: ['y'] }, y: { deployments: ['a', 'b'], fallbacks: ['x'] } });
        server.forModel('model-a', fault);
        const { record } = await tryChat(orchestrator(config), ask('x'));
        assert.equal(record.deploymentId, 'b');
        assert.equal(server.requestsFor('model-a').length, 1);
      }
    });

    it('everything rejects the key: the auth error surfaces after one attempt per account', async () => {
      const config = baseConfig(server, [dep('a'), dep('b', 'oa2')], { x: { deployments: ['a', 'b'] } });
      server.setDefault(unauthorized());
      const { error } = await tryChat(orchestrator(config), ask('x'));
      assert.equal(error?.kind, 'auth');
      assert.equal(server.requests.length, 2);
    });
  });
});
