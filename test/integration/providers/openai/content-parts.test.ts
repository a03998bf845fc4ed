import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeProvider, startFakeProvider } from '../../../support/fake-provider';
import { adapterFor, run, summarize } from './helpers';

/**
 * Mistral's reasoning models answer with `content` as an array of `thinking`
 * and `text` parts, and when streaming mix array and plain-string deltas.
 * Shapes as documented (no real capture in the shared fixtures):
 * @see https://docs.mistral.ai/capabilities/reasoning/
 */
const base = { id: 'cmpl-mistral-1', object: 'chat.completion.chunk', created: 1750000000, model: 'magistral-medium-2509' };
const chunk = (delta: unknown, finish: string | null = null, usage?: unknown) => JSON.stringify({ ...base, choices: [{ index: 0, delta, finish_reason: finish }], ...(usage ? { usage } : {}) });

describe('OpenAI-compatible answers whose content is an array of parts (Mistral thinking)', function () {
  this.timeout(20_000);
  let fp: FakeProvider;
  let tmp: string;
  before(async () => {
    fp = await startFakeProvider();
    tmp = mkdtempSync(join(tmpdir(), 'sb-parts-'));
  });
  after(async () => {
    await fp.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('streamed: thinking parts are reasoning, text parts and string deltas are the answer, nothing lost', async () => {
    const file = join(tmp, 'mistral-thinking.chunks.txt');
    const lines = [
      chunk({ role: 'assistant', content: [{ type: 'thinking', thinking: [{ type: 'text', text: 'Two plus ' }] }] }),
      chunk({ content: [{ type: 'thinking', thinking: [{ type: 'text', text: 'two is four.' }] }] }),
      chunk({ content: [{ type: 'text', text: 'The answer ' }] }),
      chunk({ content: 'is ' }),
      chunk({ content: [{ type: 'text', text: '4.' }] }),
      chunk({ content: '' }, 'stop', { prompt_tokens: 10, completion_tokens: 9, total_tokens: 19 }),
    ];
    writeFileSync(file, lines.join('\n') + '\n');
    fp.enqueue({ kind: 'replay', file, appendDone: true });
    const { parts, error } = await run(adapterFor({ kind: 'openai-compatible', preset: 'mistral', baseUrl: fp.openaiBaseUrl, apiKeySecret: 'k' }), { model: 'magistral-medium-2509' });
    assert.equal(error, undefined, error?.message);
    const s = summarize(parts);
    assert.equal(s.text, 'The answer is 4.');
    assert.equal(s.reasoning, 'Two plus two is four.');
  });

  it('non-streamed: a message whose content is parts is read whole', async () => {
    const file = join(tmp, 'mistral-thinking.json');
    writeFileSync(file, JSON.stringify({ id: 'x', object: 'chat.completion', created: 1, model: 'magistral-small-2509', choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: [{ type: 'thinking', thinking: [{ type: 'text', text: 'Hmm.' }] }, { type: 'text', text: 'Hello' }, { type: 'text', text: ' there.' }] } }], usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } }));
    fp.enqueue({ kind: 'replay', file });
    const { parts, error } = await run(adapterFor({ kind: 'openai-compatible', preset: 'mistral', baseUrl: fp.openaiBaseUrl, apiKeySecret: 'k' }), { stream: false });
    assert.equal(error, undefined, error?.message);
    assert.equal(summarize(parts).text, 'Hello there.');
    assert.equal(summarize(parts).reasoning, 'Hmm.');
  });
});
