import assert from 'node:assert/strict';
import { DEFAULT_TIMEOUTS } from '../../../src/core/config/defaults';
import { DeploymentConfig } from '../../../src/core/config/switchboard-config';
import { CanonicalCall } from '../../../src/core/model/canonical-call';
import { ProviderPart } from '../../../src/core/model/provider-part';
import { ProviderAdapter } from '../../../src/core/providers/provider-adapter';
import { AttemptEnd, runAttempt } from '../../../src/core/router/run-attempt';

const deployment: DeploymentConfig = { id: 'd1', provider: 'p', model: 'm' };

function attempt(adapter: ProviderAdapter, log: string[], stream = true) {
  return runAttempt({
    deployment,
    adapter,
    canonical: { messages: [] } as unknown as CanonicalCall,
    stream,
    timeouts: { ...DEFAULT_TIMEOUTS },
    deadlineCovers: true,
    first: true,
    signal: new AbortController().signal,
    now: Date.now,
    begin: () => log.push('begin'),
    settle: (end: AttemptEnd | undefined) => log.push(`settle ${end?.outcome ?? 'none'}${end?.outcome === 'error' ? ` ${end.error.kind}` : ''}`),
  });
}

const parts = (...p: ProviderPart[]): ProviderAdapter => ({
  providerId: 'p',
  call: async function* () {
    for (const x of p) yield x;
  },
});

describe('router/runAttempt: the attempt and its bookkeeping hooks', () => {
  it('begin runs when the attempt starts (not when it is made), settle once with how it ended', async () => {
    const log: string[] = [];
    const run = attempt(parts({ type: 'text-delta', text: 'hi' }, { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' } }), log);
    assert.deepEqual(log, []);
    const first = await run.next();
    assert.deepEqual(first.value, { type: 'output', part: { type: 'text-delta', text: 'hi' } });
    assert.deepEqual(log, ['begin']);
    const end = await run.next();
    assert.equal(end.done, true);
    assert.deepEqual(log, ['begin', 'settle ok']);
  });

  it('an adapter that throws at once still ends the attempt as an error and settles it', async () => {
    const log: string[] = [];
    const throwing: ProviderAdapter = {
      providerId: 'p',
      call: () => {
        throw new Error('no client for this config');
      },
    };
    const end = await attempt(throwing, log).next();
    assert.equal(end.done, true);
    assert.equal((end.value as AttemptEnd).outcome, 'error');
    assert.deepEqual(log, ['begin', 'settle error network']);
  });

  it('closed mid-answer, it settles with no end (the attempt record says cancelled)', async () => {
    const log: string[] = [];
    const run = attempt(parts({ type: 'text-delta', text: 'a' }, { type: 'text-delta', text: 'b' }), log);
    await run.next();
    await run.return(undefined as never);
    assert.deepEqual(log, ['begin', 'settle none']);
  });
});
