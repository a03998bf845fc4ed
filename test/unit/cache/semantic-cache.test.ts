import { strict as assert } from 'node:assert';
import { createSemanticCache, Embedder, SemanticLookup, SemanticMiss } from '../../../src/core/cache/semantic-cache';
import { SemanticQuery } from '../../../src/core/cache/semantic-scope';
import { ChatRequest } from '../../../src/core/model/chat-request';
import { collectGarbage } from '../../support/collect-garbage';
import { baseRequest, fakeClock, keyInput, makeEntry } from './helpers';

/**
 * A toy embedder: known prompts get hand-made 3-d vectors so similarities are
 * exact (cos(a, b) is the first component of b when a = [1, 0, 0]).
 */
const VECTORS: Record<string, number[]> = {
  'What is a monad?': [1, 0, 0],
  'What is a monad, exactly?': [0.97, Math.sqrt(1 - 0.97 ** 2), 0],
  'Explain monads': [0.9, Math.sqrt(1 - 0.81), 0],
  'How do I bake bread?': [0, 0, 1],
};
function toyEmbedder(calls: string[] = []): Embedder {
  return async (text) => {
    calls.push(text);
    const v = VECTORS[text];
    if (v === undefined) throw new Error(`no vector for ${text}`);
    return v.map((x) => x * 3); // not unit length: the cache normalises
  };
}

function query(prompt: string, overrides: Partial<SemanticQuery> = {}, request: Partial<ChatRequest> = {}): SemanticQuery {
  const req = baseRequest({ messages: [{ role: 'system', content: 'You are terse.' }, { role: 'user', content: prompt }], ...request });
  return { ...keyInput(), request: req, ...overrides };
}

function asMiss(r: SemanticLookup): SemanticMiss {
  assert.equal(r.kind, 'miss');
  return r as SemanticMiss;
}

describe('semantic cache', () => {
  it('hits at or above the threshold with the matched prompt and similarity for audit', async () => {
    const cache = createSemanticCache({ embed: toyEmbedder(), maxEntries: 10, now: fakeClock().now });
    const miss = asMiss(await cache.lookup(query('What is a monad?')));
    assert.equal(cache.store(miss, makeEntry({ content: 'cached monad answer' })), true);
    const hit = await cache.lookup(query('What is a monad, exactly?'));
    assert.equal(hit.kind, 'hit');
    if (hit.kind !== 'hit') return;
    assert.equal(hit.entry.content, 'cached monad answer');
    assert.equal(hit.matchedPrompt, 'What is a monad?');
    assert.equal(hit.prompt, 'What is a monad, exactly?');
    assert.ok(Math.abs(hit.similarity - 0.97) < 1e-6);
  });

  it('misses below the threshold (0.90 < 0.95) and unrelated prompts; per-call threshold overrides', async () => {
    const cache = createSemanticCache({ embed: toyEmbedder(), maxEntries: 10, now: fakeClock().now });
    cache.store(asMiss(await cache.lookup(query('What is a monad?'))), makeEntry());
    assert.equal((await cache.lookup(query('Explain monads'))).kind, 'miss');
    assert.equal((await cache.lookup(query('How do I bake bread?'))).kind, 'miss');
    assert.equal((await cache.lookup(query('Explain monads'), { threshold: 0.89 })).kind, 'hit');
    const strict = createSemanticCache({ embed: toyEmbedder(), threshold: 0.99, maxEntries: 10, now: fakeClock().now });
    strict.store(asMiss(await strict.lookup(query('What is a monad?'))), makeEntry());
    assert.equal((await strict.lookup(query('What is a monad, exactly?'))).kind, 'miss');
  });

  const isolation: Array<[string, Partial<SemanticQuery>, Partial<ChatRequest>]> = [
    ['workspace', { workspace: 'file:///ws/two' }, {}],
    ['alias', { resolvedTarget: 'smart' }, {}],
    ['account fingerprint', { accountFingerprint: 'fp1:other' }, {}],
    ['config hash', { configHash: 'cfg-9' }, {}],
    ['attached code', { attachments: ['function f() {}'] }, {}],
    ['max_tokens', {}, { max_tokens: 16 }],
  ];
  for (const [what, overrides, request] of isolation) {
    it(`isolates by ${what}`, async () => {
      const cache = createSemanticCache({ embed: toyEmbedder(), maxEntries: 10, now: fakeClock().now });
      cache.store(asMiss(await cache.lookup(query('What is a monad?'))), makeEntry());
      assert.equal((await cache.lookup(query('What is a monad?', overrides, request))).kind, 'miss');
      assert.equal((await cache.lookup(query('What is a monad?'))).kind, 'hit');
    });
  }

  it('isolates by system prompt, earlier messages and code fenced in the question', async () => {
    const calls: string[] = [];
    const cache = createSemanticCache({ embed: toyEmbedder(calls), maxEntries: 10, now: fakeClock().now });
    const withCode = (code: string): Partial<ChatRequest> => ({ messages: [{ role: 'user', content: `What is a monad?\n\`\`\`ts\n${code}\n\`\`\`` }] });
    cache.store(asMiss(await cache.lookup(query('', {}, withCode('const a = 1;')))), makeEntry());
    assert.equal(calls[0], 'What is a monad?', 'code is not embedded');
    assert.equal((await cache.lookup(query('', {}, withCode('const a = 1;')))).kind, 'hit');
    assert.equal((await cache.lookup(query('', {}, withCode('const a = 2;')))).kind, 'miss');
    const other = { messages: [{ role: 'system' as const, content: 'You are verbose.' }, { role: 'user' as const, content: 'What is a monad?' }] };
    const history = { messages: [{ role: 'user' as const, content: 'Hi' }, { role: 'assistant' as const, content: 'Hello' }, { role: 'user' as const, content: 'What is a monad?' }] };
    cache.store(asMiss(await cache.lookup(query('What is a monad?'))), makeEntry());
    assert.equal((await cache.lookup(query('', {}, other))).kind, 'miss');
    assert.equal((await cache.lookup(query('', {}, history))).kind, 'miss');
  });

  const skips: Array<[string, Partial<ChatRequest> & Record<string, unknown>]> = [
    ['temperature', { temperature: 0.7 }],
    ['temperature', { temperature: undefined }],
    ['tools', { tools: [{ type: 'function', function: { name: 'f' } }] }],
    ['tools', { tool_choice: 'required' }],
    ['structured-output', { response_format: { type: 'json_object' } }],
    ['structured-output', { response_format: { type: 'json_schema', json_schema: { name: 'x', schema: {} } } }],
    ['images', { temperature: 0, messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'https://x.test/a.png' } }] }] }],
    ['no-cache', { cache: { noCache: true } }],
    ['no-prompt', { messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: 'partial' }] }],
    ['no-prompt', { messages: [{ role: 'user', content: '```only code```' }] }],
  ];
  for (const [reason, request] of skips) {
    it(`skips (${reason}) for ${JSON.stringify(request)} without calling the embedder`, async () => {
      const calls: string[] = [];
      const cache = createSemanticCache({ embed: toyEmbedder(calls), maxEntries: 10, now: fakeClock().now });
      const r = await cache.lookup(query('What is a monad?', {}, request as Partial<ChatRequest>));
      assert.deepEqual(r, { kind: 'skip', reason });
      assert.deepEqual(calls, []);
    });
  }

  it('an embedding failure is a skip carrying the error, never a throw', async () => {
    const cache = createSemanticCache({ embed: toyEmbedder(), maxEntries: 10, now: fakeClock().now });
    const r = await cache.lookup(query('unknown prompt'));
    assert.equal(r.kind, 'skip');
    if (r.kind === 'skip') {
      assert.equal(r.reason, 'embedding-failed');
      assert.ok(r.error instanceof Error);
    }
    const zero = createSemanticCache({ embed: async () => [0, 0, 0], maxEntries: 10, now: fakeClock().now });
    assert.deepEqual(await zero.lookup(query('What is a monad?')), { kind: 'skip', reason: 'embedding-failed' });
  });

  it('expires entries on the injected clock and evicts the least recently used past maxEntries', async () => {
    const clock = fakeClock();
    const cache = createSemanticCache({ embed: toyEmbedder(), maxEntries: 2, ttlMs: 1000, now: clock.now });
    cache.store(asMiss(await cache.lookup(query('What is a monad?'))), makeEntry({ content: 'm' }));
    clock.advance(1000);
    assert.equal((await cache.lookup(query('What is a monad?'))).kind, 'miss');
    assert.equal(cache.size, 0);
    cache.store(asMiss(await cache.lookup(query('What is a monad?'))), makeEntry({ content: 'm' }));
    cache.store(asMiss(await cache.lookup(query('How do I bake bread?'))), makeEntry({ content: 'b' }));
    assert.equal((await cache.lookup(query('What is a monad?'))).kind, 'hit');
    cache.store(asMiss(await cache.lookup(query('Explain monads', { workspace: 'w3' }))), makeEntry({ content: 'e' }));
    assert.equal(cache.size, 2);
    assert.equal((await cache.lookup(query('How do I bake bread?'))).kind, 'miss');
    assert.equal((await cache.lookup(query('What is a monad?'))).kind, 'hit');
  });

  it('keeps no evicted or cleared entry reachable (an idle eviction cursor would hold its table)', async () => {
    let n = 0;
    // An orthogonal direction per prompt: every lookup is a miss, and past maxEntries every store an eviction.
    const oneHot = (k: number): number[] => Array.from({ length: 64 }, (_, j) => (j === k ? 1 : 0));
    const cache = createSemanticCache({ embed: async () => oneHot(n++ % 64), maxEntries: 10, now: fakeClock().now });
    const stored: WeakRef<object>[] = [];
    // In a function of its own: a suspended test body could still hold its last entry in a register.
    const storeOne = async (i: number): Promise<void> => {
      const entry = makeEntry({ content: `answer ${i}` });
      stored.push(new WeakRef(entry));
      cache.store(asMiss(await cache.lookup(query(`question ${i}`))), entry);
    };
    for (let i = 0; i < 40; i++) await storeOne(i);
    assert.equal(cache.size, 10);
    assert.equal(cache.clear({ workspace: keyInput().workspace }), 10);
    await collectGarbage();
    assert.equal(stored.filter((r) => r.deref() !== undefined).length, 0);
  });

  it('clears by workspace or alias tag', async () => {
    const cache = createSemanticCache({ embed: toyEmbedder(), maxEntries: 10, now: fakeClock().now });
    cache.store(asMiss(await cache.lookup(query('What is a monad?'))), makeEntry({ tags: { workspace: 'w1', alias: 'fast', fingerprint: 'f' } }));
    cache.store(asMiss(await cache.lookup(query('How do I bake bread?'))), makeEntry({ tags: { workspace: 'w1', alias: 'smart', fingerprint: 'f' } }));
    assert.equal(cache.clear({ alias: 'fast' }), 1);
    assert.equal((await cache.lookup(query('What is a monad?'))).kind, 'miss');
    assert.equal((await cache.lookup(query('How do I bake bread?'))).kind, 'hit');
    assert.equal(cache.clear({ workspace: 'w1' }), 1);
    assert.equal(cache.size, 0);
  });
});
