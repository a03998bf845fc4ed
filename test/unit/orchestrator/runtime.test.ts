import * as assert from 'node:assert/strict';
import { fingerprintKey } from '../../../src/core/cache/cache-key';
import { buildRuntime } from '../../../src/core/orchestrator/runtime';

describe('runtime.keyFingerprint', () => {
  const config = {
    providers: { oa: { kind: 'openai' as const, baseUrl: 'http://127.0.0.1:9/v1', apiKeySecret: 'oa' }, local: { kind: 'openai-compatible' as const, baseUrl: 'http://127.0.0.1:9/v1' } },
    deployments: [],
    aliases: {},
  };
  const key = 'sk-test-fingerprint-0123456789';
  const runtime = buildRuntime(config, { keys: (name) => (name === 'oa' ? key : undefined), now: Date.now, random: Math.random });

  it('is the one domain-separated fingerprint the cache uses (never the key, never a bare SHA-256 prefix)', async () => {
    const fp = await runtime.keyFingerprint('oa');
    assert.equal(fp, fingerprintKey(key));
    assert.ok(!fp?.includes(key));
  });

  it('is undefined for a provider without a key', async () => {
    assert.equal(await runtime.keyFingerprint('local'), undefined);
  });
});
