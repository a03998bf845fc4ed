import * as assert from 'node:assert/strict';
import { validateConfig } from '../../../src/core/config/validate-config';
import { FakeProvider, startFakeProvider } from '../../support/fake-provider';
import { ask, baseConfig, dep, orchestrator, tryChat } from './harness';

describe('Router config (R20) and auto routing', () => {
  let server: FakeProvider;
  before(async () => {
    server = await startFakeProvider();
  });
  after(async () => server.close());
  beforeEach(() => server.reset());

  it('R20: lists every problem with its JSON path and a fix', () => {
    const v = validateConfig({
      providers: { oa: { kind: 'openai' }, bad: { kind: 'openai-compatible', baseUrl: 'ftp://x' } },
      deployments: [{ id: 'a', provider: 'ghost', model: 'm', rpm: -5 }, { id: 'b', provider: 'oa', model: 'm', tpm: 0 }],
      aliases: { x: { deployments: ['b'], fallbacks: ['y'] }, y: { deployments: ['b'], fallbacks: ['x'] }, self: { deployments: ['b'], fallbacks: ['self'] } },
      retry: { maxRetries: -1, maxFallbacks: 1.5 },
      cooldown: { minCooldownMs: -1 },
      limits: { maxConcurrent: 0, maxQueue: -1 },
      auto: { tiers: [{ alias: 'cheap', maxScore: 3 }, { alias: 'x', maxScore: 2 }, { alias: 'y' }] },
    });
    assert.equal(v.ok, false);
    if (v.ok) return;
    const paths = v.errors.map((e) => e.path);
    for (const p of [
      'providers.oa.apiKeySecret',
      'providers.bad.baseUrl',
      'deployments[0].provider',
      'deployments[0].rpm',
      'deployments[1].tpm',
      'aliases.self.fallbacks[0]',
      'retry.maxRetries',
      'retry.maxFallbacks',
      'cooldown.minCooldownMs',
      'limits.maxConcurrent',
      'limits.maxQueue',
      'auto.tiers[0].alias',
      'auto.tiers[1].maxScore',
    ]) {
      assert.ok(paths.includes(p), `missing ${p} in ${paths.join(', ')}`);
    }
    assert.ok(v.errors.every((e) => e.message.length > 10));
    assert.ok(v.warnings.some((w) => w.path === 'aliases.x.fallbacks' && /cycle/.test(w.message)), 'alias cycles are reported');
  });

  it('auto: a short question goes to the cheap tier, a hard one to the smart tier; the record says which and why', async () => {
    const config = baseConfig(server, [dep('mini'), dep('sonnet', 'ant')], { cheap: { deployments: ['mini'] }, smart: { deployments: ['sonnet'] } }, { auto: { tiers: [{ alias: 'cheap', maxScore: 3 }, { alias: 'smart' }] } });
    const o = orchestrator(config);
    const easy = await tryChat(o, ask('auto', 'What is 2 + 2?'));
    assert.equal(easy.record.deploymentId, 'mini');
    assert.equal(easy.record.alias, 'cheap');
    assert.equal(easy.record.requested, 'auto');
    assert.deepEqual(easy.record.route, { tier: 'cheap', reason: 'score 0 (≤ 3): short plain request' });
    const hard = await tryChat(o, ask('auto', 'Explain why this deadlocks and refactor it step by step:\n```ts src/queue.ts\nawait lock(); await lock();\n```'));
    assert.equal(hard.record.deploymentId, 'sonnet');
    assert.equal(hard.record.route?.tier, 'smart');
    assert.match(hard.record.route?.reason ?? '', /code block.*reasoning words/);
  });

  it('an alias literally named "auto" wins over auto routing', async () => {
    const config = baseConfig(server, [dep('mini'), dep('sonnet', 'ant')], { auto: { deployments: ['sonnet'] }, cheap: { deployments: ['mini'] } }, { auto: { tiers: [{ alias: 'cheap' }] } });
    const r = await tryChat(orchestrator(config), ask('auto'));
    assert.equal(r.record.deploymentId, 'sonnet');
    assert.equal(r.record.route, undefined);
  });
});
