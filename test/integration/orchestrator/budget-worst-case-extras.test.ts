import assert from 'node:assert/strict';
import { SwitchboardConfig } from '../../../src/core/config/switchboard-config';
import { ChatRequest } from '../../../src/core/model/chat-request';
import { FakeProvider, startFakeProvider } from '../../support/fake-provider';
import { pngHeader } from '../../support/png-header';
import { collect, make, providers } from './helpers';

/** A PNG header claiming width × height: the image-token rule reads the size from it. */
const pngDataUrl = (width: number, height: number): string => `data:image/png;base64,${pngHeader(width, height)}`;

/** Budgets reserve the worst case of the whole prompt: an image or a large tool schema counts, not just the text. */
describe('budget worst case counts images and tools', function () {
  this.timeout(20_000);
  let fp: FakeProvider;
  before(async () => {
    fp = await startFakeProvider();
  });
  after(() => fp.close());

  // $1000 per million input tokens: one prompt token is $0.001; output is free.
  const config = (fp: FakeProvider): SwitchboardConfig => ({
    providers: providers(fp),
    deployments: [{ id: 'pricey', provider: 'oa', model: 'gpt-4o-2024-08-06', price: { inputPerMTok: 1000, outputPerMTok: 0 } }],
    aliases: { smart: { deployments: ['pricey'] } },
    budgets: { workspace: { daily: { limitUsd: 0.5, action: 'block' } } },
  });
  const text = (extra: Partial<ChatRequest> = {}): ChatRequest => ({ model: 'smart', messages: [{ role: 'user', content: 'What is in the picture?' }], max_tokens: 5, ...extra });

  it('a short text prompt fits; the same prompt with a 2048x4096 image (1105 tokens ≈ $1.1) is refused before sending', async () => {
    const o = make(config(fp), { workspace: 'ws-extras' });
    fp.forModel('gpt-4o-2024-08-06', { kind: 'answer', text: 'ok' });
    assert.equal((await collect(o, text())).record.status, 'ok');
    const before = fp.requests.length;
    const withImage = await collect(o, text({ messages: [{ role: 'user', content: [{ type: 'text', text: 'What is in the picture?' }, { type: 'image_url', image_url: { url: pngDataUrl(2048, 4096) } }] }] }));
    assert.equal(withImage.error?.kind, 'budget_exceeded');
    assert.equal(fp.requests.length, before, 'nothing sent');
  });

  it('a large tool schema counts too', async () => {
    const o = make(config(fp), { workspace: 'ws-extras-tools' });
    const properties = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`field_${i}`, { type: 'string', description: `The value of field number ${i} of the record` }]));
    const r = await collect(o, text({ tools: [{ type: 'function', function: { name: 'fill', parameters: { type: 'object', properties } } }] }));
    assert.equal(r.error?.kind, 'budget_exceeded');
  });
});
