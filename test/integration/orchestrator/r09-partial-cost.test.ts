import assert from 'node:assert/strict';
import { SwitchboardConfig } from '../../../src/core/config/switchboard-config';
import { FakeProvider, startFakeProvider } from '../../support/fake-provider';
import { ask, collect, fastAndSmart, make } from './helpers';

/**
 * Partial answers are billed: a cut stream or an in-band error after HTTP 200
 * ends `incomplete` with the text received, usage (exact where the provider sent
 * it before the fault, estimated otherwise) and a non-zero cost.
 */
describe('Incomplete answers carry partial usage and cost (both wire formats)', function () {
  this.timeout(20_000);
  let fp: FakeProvider;
  before(async () => {
    fp = await startFakeProvider();
  });
  after(() => fp.close());
  beforeEach(() => fp.reset());

  const config = (): SwitchboardConfig => fastAndSmart(fp);

  for (const [alias, model, format] of [['fast', 'gpt-4o-mini-2024-07-18', 'openai'], ['smart', 'claude-sonnet-4-5-20250929', 'anthropic']] as const) {
    for (const kind of ['cut', 'in-band-error'] as const) {
      it(`${format} ${kind} after 3 chunks: incomplete, partial text, usage and cost`, async () => {
        fp.forModel(model, [{ kind, afterChunks: 3, text: 'alpha beta gamma delta epsilon zeta eta theta' }]);
        const o = make(config());
        const r = await collect(o, ask(alias, 'Please list some Greek letters for me'));
        assert.equal(r.record.status, 'incomplete', JSON.stringify(r.record));
        assert.equal(r.content, 'alpha beta gamma ');
        assert.equal(r.text, r.content);
        const exp = fp.expectedAnswer(fp.requests[0]!.body, format);
        if (format === 'anthropic') {
          // message_start carried the exact input count before the fault.
          assert.equal(r.record.usage.inputTokens, exp.usage.promptTokens);
        }
        assert.ok(r.record.usage.inputTokens > 0, JSON.stringify(r.record.usage));
        assert.ok(r.record.usage.outputTokens >= 3 && r.record.usage.outputTokens < exp.usage.completionTokens + 3, JSON.stringify(r.record.usage));
        assert.equal(r.record.usage.estimated, true);
        assert.equal(r.record.priceSource, 'library');
        assert.ok(typeof r.record.costUsd === 'number' && r.record.costUsd > 0);
        assert.ok(r.record.errorKind, 'the error is kept');
        o.dispose();
      });
    }
  }
});
