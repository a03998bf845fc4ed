import { strict as assert } from 'node:assert';
import { createOpenAIEmbedder } from '../../../src/core/cache/openai-embedder';
import { createSemanticCache } from '../../../src/core/cache/semantic-cache';
import { SwitchboardError } from '../../../src/core/model/switchboard-error';
import { embeddingFor, rateLimited, serverError, startFakeProvider, unauthorized, type FakeProvider } from '../../support/fake-provider';
import { baseRequest, fakeClock, keyInput, makeEntry } from '../../unit/cache/helpers';

const CANARY = 'sk-canary-embedder-0123456789';

async function rejectsKind(p: Promise<unknown>, kind: string): Promise<SwitchboardError> {
  try {
    await p;
  } catch (err) {
    assert.ok(SwitchboardError.isInstance(err), `not a SwitchboardError: ${String(err)}`);
    assert.equal(err.kind, kind);
    assert.ok(!err.message.includes(CANARY));
    return err;
  }
  throw new Error(`expected a ${kind} error`);
}

describe('OpenAI-compatible embedder against the fake provider', () => {
  let fp: FakeProvider;
  beforeEach(async () => {
    fp = await startFakeProvider({ embeddingDimensions: 64 });
  });
  afterEach(async () => {
    await fp.close();
  });

  const embedder = (extra: { timeoutMs?: number; dimensions?: number } = {}) =>
    createOpenAIEmbedder({ baseUrl: fp.openaiBaseUrl, apiKey: CANARY, model: 'text-embedding-3-small', ...extra });

  it('posts {model, input} with the key and returns the server vector', async () => {
    const v = await embedder()('What is a monad?');
    assert.equal(v.length, 64);
    const expected = embeddingFor('What is a monad?', 64);
    expected.forEach((x, i) => assert.ok(Math.abs(x - (v[i] as number)) < 1e-6));
    const [req] = await fp.waitForRequests(1);
    assert.equal(req?.path, '/v1/embeddings');
    assert.equal(req?.headers.authorization, `Bearer ${CANARY}`);
    assert.deepEqual(req?.body, { model: 'text-embedding-3-small', input: 'What is a monad?', encoding_format: 'float' });
  });

  it('asks for shorter vectors when configured', async () => {
    assert.equal((await embedder({ dimensions: 16 })('hello')).length, 16);
  });

  it('maps HTTP errors to SwitchboardError kinds without echoing the key', async () => {
    fp.enqueue(unauthorized());
    await rejectsKind(embedder()('x'), 'auth');
    fp.enqueue(rateLimited({ retryAfterSeconds: 3 }));
    const rl = await rejectsKind(embedder()('x'), 'rate_limited');
    assert.equal(rl.status, 429);
    fp.enqueue(serverError(503));
    await rejectsKind(embedder()('x'), 'overloaded');
  });

  it('times out a stalled server', async () => {
    fp.enqueue({ kind: 'stall', phase: 'headers' });
    const err = await rejectsKind(embedder({ timeoutMs: 150 })('x'), 'timeout');
    assert.equal(err.timeoutPhase, 'deadline');
  });

  it('maps a refused connection to network, and rejects remote http URLs up front', async () => {
    const port = fp.port;
    await fp.close();
    await rejectsKind(createOpenAIEmbedder({ baseUrl: `http://127.0.0.1:${port}/v1`, model: 'm' })('x'), 'network');
    fp = await startFakeProvider();
    assert.throws(() => createOpenAIEmbedder({ baseUrl: 'http://example.com/v1', model: 'm' }), (e: unknown) => SwitchboardError.isInstance(e) && e.kind === 'invalid_config');
  });

  it('drives the semantic cache end to end: same prompt hits with similarity 1', async () => {
    const cache = createSemanticCache({ embed: embedder(), maxEntries: 100, now: fakeClock().now });
    const q = { ...keyInput(), request: baseRequest() };
    const miss = await cache.lookup(q);
    assert.equal(miss.kind, 'miss');
    if (miss.kind === 'miss') cache.store(miss, makeEntry());
    const hit = await cache.lookup(q);
    assert.equal(hit.kind, 'hit');
    if (hit.kind === 'hit') assert.ok(hit.similarity > 0.9999);
    assert.equal((await cache.lookup({ ...q, request: baseRequest({ messages: [{ role: 'user', content: 'Something else' }] }) })).kind, 'miss');
  });
});
