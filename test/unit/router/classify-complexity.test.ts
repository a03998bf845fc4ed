import * as assert from 'node:assert/strict';
import { classifyComplexity } from '../../../src/core/auto/classify-complexity';
import { pickTier } from '../../../src/core/auto/pick-tier';
import { ChatRequest } from '../../../src/core/model/chat-request';

const req = (content: string): ChatRequest => ({ model: 'auto', messages: [{ role: 'user', content }] });
const tiers = { tiers: [{ alias: 'cheap', maxScore: 2 }, { alias: 'smart' }] };

describe('auto: complexity classifier', () => {
  it('a short plain question scores 0 and goes to the cheapest tier', () => {
    assert.equal(classifyComplexity(req('What is the capital of France?')).score, 0);
    assert.deepEqual(pickTier(tiers, req('What is the capital of France?')), { tier: 'cheap', reason: 'score 0 (≤ 2): short plain request' });
  });

  it('code, reasoning words and attached files raise the score, and the reason names them', () => {
    const prompt = 'Explain why this is slow and refactor it step by step:\n```ts src/app.ts\nfor (;;) {}\n```\n<file path="src/b.ts">x</file>';
    const c = classifyComplexity(req(prompt));
    assert.ok(c.score >= 5, JSON.stringify(c));
    const route = pickTier(tiers, req(prompt));
    assert.equal(route.tier, 'smart');
    assert.match(route.reason, /code block/);
    assert.match(route.reason, /reasoning words: .*explain/);
    assert.match(route.reason, /attached file/);
  });

  it('length alone escalates', () => {
    assert.ok(classifyComplexity(req('word '.repeat(4000))).score >= 2);
  });

  it('runs well under a millisecond for a normal prompt', () => {
    const r = req('Please explain the trade-offs of this design.\n```js\nconst x = 1;\n```\n'.repeat(20));
    const started = process.hrtime.bigint();
    for (let i = 0; i < 1000; i += 1) classifyComplexity(r);
    const perCallMs = Number(process.hrtime.bigint() - started) / 1e6 / 1000;
    assert.ok(perCallMs < 1, `${perCallMs} ms`);
  });
});
