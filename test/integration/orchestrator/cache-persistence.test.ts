import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createOrchestrator } from '../../../src/core/index';
import { FakeProvider, startFakeProvider } from '../../support/fake-provider';

/** Issue 6 item 2: the exact cache survives a window reload when `cache.persist` is on, and never holds keys. */
describe('orchestrator: persisted response cache', () => {
  let fp: FakeProvider;
  let dir: string;
  const KEY = 'sk-persist-canary-abcdefghijklmnopqrstuvwxyz012345';
  before(async () => {
    fp = await startFakeProvider();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-cache-'));
  });
  after(async () => {
    await fp.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const config = (persist: boolean): Parameters<typeof createOrchestrator>[0] => ({
    providers: { p: { kind: 'openai-compatible', baseUrl: fp.openaiBaseUrl, apiKeySecret: 'p' } },
    deployments: [{ id: 'd', provider: 'p', model: 'm', price: { inputPerMTok: 1, outputPerMTok: 1 } }],
    aliases: { fast: { deployments: ['d'] } },
    cache: { persist },
  });
  const ask = { model: 'fast', temperature: 0, messages: [{ role: 'user' as const, content: 'remember me across reloads' }] };

  it('answers from the cache after a restart, without calling the provider', async () => {
    const first = createOrchestrator(config(true), { keys: () => KEY, cacheDir: dir, workspace: 'w' });
    const a = await first.chat(ask);
    await first.flush();
    first.dispose();
    const files = fs.readdirSync(dir);
    assert.equal(files.length, 1, `one cache file, got ${files.join(', ')}`);
    const text = fs.readFileSync(path.join(dir, files[0] ?? ''), 'utf8');
    assert.ok(!text.includes(KEY), 'the persisted cache holds the key');

    const before = fp.requests.length;
    const second = createOrchestrator(config(true), { keys: () => KEY, cacheDir: dir, workspace: 'w' });
    const b = await second.chat(ask);
    assert.equal(b.record.cache, 'hit');
    assert.equal(b.content, a.content);
    assert.equal(fp.requests.length, before, 'the provider was called again');
    second.dispose();
  });

  it('does not persist unless opted in', async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-cache-off-'));
    const sb = createOrchestrator(config(false), { keys: () => KEY, cacheDir: other, workspace: 'w' });
    await sb.chat({ ...ask, messages: [{ role: 'user', content: 'not persisted' }] });
    await sb.flush();
    sb.dispose();
    assert.deepEqual(fs.readdirSync(other), []);
    fs.rmSync(other, { recursive: true, force: true });
  });
});
