import assert from 'node:assert/strict';
import { SwitchboardConfig } from '../../../src/core/config/switchboard-config';
import { StreamEvent } from '../../../src/core/model/stream-event';
import { FakeProvider, startFakeProvider } from '../../support/fake-provider';
import { KEYS, ask, collect, make, providers } from './helpers';

const cacheHitNotice = (events: StreamEvent[]) => events.flatMap((e) => (e.type === 'attempt' && e.notice.kind === 'cache-hit' ? [e.notice] : []));

/**
 * The opt-in semantic cache through the orchestrator, with embeddings from a
 * configured OpenAI-compatible deployment on the fake server. Its vectors are
 * seeded by a hash of the text: the same prose gives the same vector (cosine 1),
 * other prose an unrelated one. A prompt that differs only in spacing is an
 * exact-cache miss but the same prose, so it is a semantic hit.
 */
describe('R16 semantic cache through the orchestrator (opt-in, auditable)', function () {
  this.timeout(20_000);
  let fp: FakeProvider;
  before(async () => {
    fp = await startFakeProvider();
  });
  after(() => fp.close());
  beforeEach(() => fp.reset());

  const chats = () => fp.requests.filter((r) => r.route === 'openai-chat');
  const embeddings = () => fp.requests.filter((r) => r.route === 'openai-embeddings');

  const config = (): SwitchboardConfig => ({
    providers: providers(fp),
    deployments: [
      { id: 'mini', provider: 'oa', model: 'gpt-4o-mini-2024-07-18' },
      { id: 'embed', provider: 'emb', model: 'text-embedding-3-small' },
    ],
    aliases: {
      sem: { deployments: ['mini'], cache: { semantic: true } },
      semwarm: { deployments: ['mini'], cache: { semantic: true, storeNonDeterministic: true } },
      plain: { deployments: ['mini'] },
    },
    cache: { semantic: { embeddingDeployment: 'embed' } },
  });

  it('the same prose worded with different spacing is a semantic hit carrying similarity and the matched prompt; the server answers once', async () => {
    const o = make(config());
    const first = await collect(o, ask('sem', 'What is the capital of France?', { temperature: 0 }));
    assert.equal(first.record.cache, 'miss');
    const second = await collect(o, ask('sem', 'What  is the capital of France?\n', { temperature: 0 }));
    assert.equal(chats().length, 1, 'one chat request reached the server');
    assert.equal(embeddings().length, 2, 'one embedding per lookup');
    assert.equal(embeddings()[0]!.headers['authorization'], `Bearer ${KEYS.emb}`, 'embeddings use the embedding deployment\'s own key');
    assert.equal(second.record.cache, 'semantic-hit');
    assert.equal(second.record.costUsd, 0);
    assert.equal(second.record.savedUsd, first.record.costUsd);
    assert.equal(second.content, first.content);
    const [notice] = cacheHitNotice(second.events);
    assert.ok(notice, 'a cache-hit notice');
    assert.equal(notice.semantic, true);
    assert.ok(notice.similarity !== undefined && notice.similarity > 0.999, `similarity ${notice.similarity}`);
    assert.equal(notice.matchedPrompt, 'What is the capital of France?');
    o.dispose();
  });

  it('different prose misses', async () => {
    const o = make(config());
    await collect(o, ask('sem', 'What is the capital of France?', { temperature: 0 }));
    const other = await collect(o, ask('sem', 'What is the capital of Spain?', { temperature: 0 }));
    assert.equal(other.record.cache, 'miss');
    assert.equal(chats().length, 2);
    o.dispose();
  });

  it('temperature > 0 skips the semantic cache (no embedding call, the server answers), even where the alias stores warm answers', async () => {
    const o = make(config());
    await collect(o, ask('semwarm', 'What is the capital of France?', { temperature: 0.7 }));
    const second = await collect(o, ask('semwarm', 'What  is the capital of France?', { temperature: 0.7 }));
    assert.equal(second.record.cache, 'miss');
    assert.equal(chats().length, 2);
    assert.equal(embeddings().length, 0, 'no embeddings for a request the semantic cache may not answer');
    // The exact cache still serves the identical warm request (the alias opted in).
    const exact = await collect(o, ask('semwarm', 'What is the capital of France?', { temperature: 0.7 }));
    assert.equal(exact.record.cache, 'hit');
    assert.equal(chats().length, 2);
    o.dispose();
  });

  it('an alias that did not opt in never calls the embeddings endpoint', async () => {
    const o = make(config());
    await collect(o, ask('plain', 'What is the capital of France?', { temperature: 0 }));
    const second = await collect(o, ask('plain', 'What  is the capital of France?', { temperature: 0 }));
    assert.equal(second.record.cache, 'miss');
    assert.equal(embeddings().length, 0);
    o.dispose();
  });

  it('a different system prompt is a different partition: no semantic hit', async () => {
    const o = make(config());
    await collect(o, ask('sem', 'What is the capital of France?', { temperature: 0 }));
    const r = await collect(o, { model: 'sem', temperature: 0, messages: [{ role: 'system', content: 'Answer in French.' }, { role: 'user', content: 'What  is the capital of France?' }] });
    assert.equal(r.record.cache, 'miss');
    assert.equal(chats().length, 2);
    o.dispose();
  });

  it('an embeddings failure degrades to a plain miss (the answer still comes)', async () => {
    const o = make(config());
    fp.forModel('text-embedding-3-small', { kind: 'error', preset: 'server_error' });
    const r = await collect(o, ask('sem', 'What is the capital of France?', { temperature: 0 }));
    assert.equal(r.record.status, 'ok');
    assert.equal(r.record.cache, 'miss');
    assert.equal(chats().length, 1);
    assert.equal(embeddings().length, 1);
    assert.equal(embeddings()[0]!.behaviour, 'error');
    o.dispose();
  });
});
