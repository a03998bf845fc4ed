import * as assert from 'node:assert/strict';
import { startFakeProvider, type FakeProvider } from '../../../support/fake-provider';
import { SwitchboardError } from '../../../../src/core/model/switchboard-error';
import { toCanonicalCall } from '../../../../src/core/model/to-canonical-call';
import { validateChatRequest } from '../../../../src/core/model/validate-chat-request';
import { MODEL, adapterFor, chatRequest, mergeDeltas, runCall } from './anthropic-harness';

/** R12: the same answer streamed and as JSON gives the same parts and the same usage. */
describe('anthropic adapter over real sockets: streamed vs JSON parity (R12)', function () {
  this.timeout(10000);
  let fp: FakeProvider;
  beforeEach(async () => {
    fp = await startFakeProvider();
  });
  afterEach(async () => {
    await fp.close();
  });

  const answers = [
    { name: 'plain text', behaviour: { kind: 'answer' as const, text: 'The quick brown fox jumps' } },
    {
      name: 'reasoning + cache read and write tokens',
      behaviour: { kind: 'answer' as const, text: 'Paris is the capital.', reasoning: 'The user asks about France. Capital is Paris.', cachedTokens: 4, cacheWriteTokens: 3 },
    },
    { name: 'max_tokens stop', behaviour: { kind: 'answer' as const, text: 'cut short', finishReason: 'max_tokens' } },
  ];

  for (const { name, behaviour } of answers) {
    it(name, async () => {
      const request = chatRequest('what is the capital of France please');
      fp.enqueue(behaviour, behaviour);
      const streamed = await runCall(adapterFor(fp), { stream: true, request });
      const json = await runCall(adapterFor(fp), { stream: false, request });
      assert.equal(streamed.error, undefined, streamed.error?.message);
      assert.equal(json.error, undefined, json.error?.message);
      assert.deepEqual(mergeDeltas(streamed.parts), mergeDeltas(json.parts));

      const exp = fp.expectedAnswer(fp.requests[0]?.body, 'anthropic', behaviour);
      const usage = streamed.parts.find((p) => p.type === 'usage');
      assert.deepEqual(usage, {
        type: 'usage',
        usage: {
          inputTokens: exp.usage.promptTokens,
          outputTokens: exp.usage.completionTokens,
          cacheReadTokens: exp.usage.cachedTokens,
          cacheWriteTokens: exp.usage.cacheWriteTokens,
          reasoningTokens: 0,
          estimated: false,
        },
      });
      const text = mergeDeltas(streamed.parts).find((p) => p.type === 'text-delta');
      assert.deepEqual(text, { type: 'text-delta', text: exp.text });
      if (exp.reasoning !== '') assert.deepEqual(mergeDeltas(streamed.parts)[0], { type: 'reasoning-delta', text: exp.reasoning });
    });
  }

  it('complete() (how attempts make JSON calls) gives exactly the parts and errors of call() with stream false, and sends the same body', async () => {
    const request = chatRequest('what is the capital of France please');
    const behaviour = { kind: 'answer' as const, text: 'Paris.', reasoning: 'France.', cachedTokens: 2 };
    fp.enqueue(behaviour, behaviour);
    const adapter = adapterFor(fp);
    const viaCall = await runCall(adapter, { stream: false, request });
    const call = { canonical: toCanonicalCall(validateChatRequest(request)), model: MODEL, stream: false, signal: new AbortController().signal, connectTimeoutMs: 5000, connectBoundBySignal: false };
    assert.ok(adapter.complete, 'the Anthropic adapter answers whole');
    const viaComplete = await adapter.complete(call);
    assert.equal(viaCall.error, undefined);
    assert.deepEqual(viaComplete, viaCall.parts);
    assert.deepEqual(fp.requests[1]?.body, fp.requests[0]?.body);
    fp.enqueue({ kind: 'error', status: 429, preset: 'rate_limited' }, { kind: 'error', status: 429, preset: 'rate_limited' });
    const callError = (await runCall(adapter, { stream: false, request })).error;
    const completeError = await adapter.complete(call).then(
      () => undefined,
      (e: unknown) => e as SwitchboardError,
    );
    assert.equal(completeError?.kind, 'rate_limited');
    assert.equal(completeError?.message, callError?.message);
  });
});
