import * as assert from 'node:assert/strict';
import { FakeProvider, serverError, startFakeProvider } from '../../support/fake-provider';
import { ask, baseConfig, dep, orchestrator, tryChat } from './harness';

describe('Router R1: a primary failing with 500 falls back after its retries', () => {
  let server: FakeProvider;
  before(async () => {
    server = await startFakeProvider();
  });
  after(async () => server.close());
  beforeEach(() => server.reset());

  it('answers from the fallback alias; attempts = 1 + maxRetries on the primary, then the fallback, all recorded', async () => {
    const config = baseConfig(server, [dep('a'), dep('b', 'ant')], { primary: { deployments: ['a'], fallbacks: ['backup'] }, backup: { deployments: ['b'] } }, { retry: { maxRetries: 2, baseDelayMs: 5, maxDelayMs: 20 } });
    server.forModel('model-a', serverError(500));
    const o = orchestrator(config);
    const { content, record, error } = await tryChat(o, ask('primary'));
    assert.equal(error, undefined);
    assert.ok(content && content.length > 0);
    assert.equal(record.deploymentId, 'b');
    assert.equal(server.requestsFor('model-a').length, 3);
    assert.equal(server.requestsFor('model-b').length, 1);
    assert.deepEqual(
      record.attempts.map((a) => [a.deploymentId, a.kind, a.outcome, a.errorKind, a.status]),
      [
        ['a', 'first', 'error', 'server', 500],
        ['a', 'retry', 'error', 'server', 500],
        ['a', 'retry', 'error', 'server', 500],
        ['b', 'fallback', 'ok', undefined, undefined],
      ],
    );
    for (const a of record.attempts) assert.ok(a.latencyMs >= 0);
    assert.ok(record.attempts[3]?.ttftMs !== undefined || record.attempts[3]?.outcome === 'ok');
  });

  it('with maxRetries 0 the primary gets exactly one attempt', async () => {
    const config = baseConfig(server, [dep('a'), dep('b')], { primary: { deployments: ['a'], fallbacks: ['backup'] }, backup: { deployments: ['b'] } }, { retry: { maxRetries: 0 } });
    server.forModel('model-a', serverError(503));
    const { record } = await tryChat(orchestrator(config), ask('primary'));
    assert.equal(record.status, 'ok');
    assert.equal(server.requestsFor('model-a').length, 1);
    assert.deepEqual(record.attempts.map((a) => a.kind), ['first', 'fallback']);
  });

  it('prefers another healthy deployment over retrying the failed one, even when the backoff is 0', async () => {
    const config = baseConfig(server, [dep('a'), dep('b')], { x: { deployments: ['a', 'b'], strategy: 'ordered' } });
    server.forModel('model-a', serverError(500));
    const { record } = await tryChat(orchestrator(config, { random: () => 0 }), ask('x'));
    assert.deepEqual(record.attempts.map((a) => [a.deploymentId, a.kind]), [['a', 'first'], ['b', 'fallback']]);
  });
});
