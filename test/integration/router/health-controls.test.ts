import assert from 'node:assert/strict';
import { DeploymentHealthReport } from '../../../src/core/health/deployment-health';
import { SwitchboardError } from '../../../src/core/model/switchboard-error';
import { FakeProvider, startFakeProvider } from '../../support/fake-provider';
import { ask, baseConfig, dep, orchestrator } from './harness';

/** Health view actions (issue 11, item 5): pause / resume a deployment, reset a cooldown, lift a 401 block. */
describe('health controls: pause, resume, reset cooldown, clear key rejection', () => {
  let fp: FakeProvider;
  before(async () => {
    fp = await startFakeProvider();
  });
  after(() => fp.close());
  beforeEach(() => fp.reset());

  const report = (o: ReturnType<typeof orchestrator>, id: string): DeploymentHealthReport => o.health().find((h) => h.deploymentId === id) as DeploymentHealthReport;

  it('a paused deployment is skipped until resumed; all paused says so', async () => {
    const o = orchestrator(baseConfig(fp, [dep('a'), dep('b')], { fast: { deployments: ['a', 'b'] } }));
    assert.equal(o.setPaused('a', true), true);
    assert.equal(report(o, 'a').paused, true);
    assert.equal((await o.chat(ask('fast'))).record.deploymentId, 'b');
    o.setPaused('b', true);
    await assert.rejects(o.chat(ask('fast')), (e: SwitchboardError) => e.kind === 'no_deployment_available' && /paused \(a, b\)/.test(e.message) && /Resume one/.test(e.message));
    o.setPaused('a', false);
    assert.equal((await o.chat(ask('fast'))).record.deploymentId, 'a');
    assert.equal(o.setPaused('ghost', true), false);
    assert.deepEqual(fp.requests.map((r) => r.model), ['model-b', 'model-a']);
  });

  it('reset cooldown makes a deployment cooling after a 429 usable at once', async () => {
    const o = orchestrator(baseConfig(fp, [dep('a'), dep('b')], { fast: { deployments: ['a', 'b'] } }));
    fp.forModel('model-a', [{ kind: 'error', status: 429, preset: 'rate_limited', headers: { 'retry-after': '120' } }]);
    assert.equal((await o.chat(ask('fast'))).record.deploymentId, 'b');
    assert.ok((report(o, 'a').cooldownUntil ?? 0) > Date.now() + 100_000);
    assert.equal(o.resetCooldown('a'), true);
    assert.equal(report(o, 'a').cooldownUntil, undefined);
    assert.equal((await o.chat(ask('fast'))).record.deploymentId, 'a');
  });

  it('clearKeyRejection lifts a 401 block for the same key', async () => {
    const o = orchestrator(baseConfig(fp, [dep('a')], { fast: { deployments: ['a'] } }));
    fp.enqueue({ kind: 'error', status: 401, preset: 'unauthorized' });
    await assert.rejects(o.chat(ask('fast')), (e: SwitchboardError) => e.kind === 'auth');
    const before = fp.requests.length;
    await assert.rejects(o.chat(ask('fast')), (e: SwitchboardError) => e.kind === 'auth');
    assert.equal(fp.requests.length, before, 'a blocked provider was called');
    assert.equal(report(o, 'a').keyRejected, true);
    o.clearKeyRejection('oa');
    assert.equal((await o.chat(ask('fast'))).record.deploymentId, 'a');
  });
});
