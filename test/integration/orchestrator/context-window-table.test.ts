import assert from 'node:assert/strict';
import { SwitchboardError } from '../../../src/core/model/switchboard-error';
import { FakeProvider, startFakeProvider } from '../../support/fake-provider';
import { ask, fastAndSmart, make } from './helpers';

/** R3 / issue 4 item 8: the pre-check knows windows from the model table, not only from config. */
describe('context-window pre-check from the model table', () => {
  let fp: FakeProvider;
  before(async () => {
    fp = await startFakeProvider();
  });
  after(() => fp.close());

  it('refuses a prompt larger than gpt-4o-mini’s known window before sending anything', async () => {
    const o = make(fastAndSmart(fp));
    const huge = 'lorem ipsum dolor sit amet '.repeat(30_000); // ≈ 810k characters ≈ 200k tokens > 128k
    const before = fp.requests.length;
    await assert.rejects(o.chat(ask('fast', huge)), (e: unknown) => SwitchboardError.isInstance(e) && e.kind === 'context_overflow');
    assert.equal(fp.requests.length, before, 'the oversize prompt reached the provider');
    o.dispose();
  });
});
