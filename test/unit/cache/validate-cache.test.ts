import { strict as assert } from 'node:assert';
import { DEFAULT_CACHE_CONFIG } from '../../../src/core/cache/cache-config';
import { IssueList } from '../../../src/core/config/config-issues';
import { validateAliasCachePolicy, validateCacheConfig } from '../../../src/core/config/validate-cache';

const paths = (issues: IssueList): string[] => issues.errors.map((e) => e.path);

describe('validate cache config', () => {
  it('absent or empty: the defaults, semantic off', () => {
    const issues = new IssueList();
    assert.deepEqual(validateCacheConfig(undefined, issues), DEFAULT_CACHE_CONFIG);
    assert.deepEqual(validateCacheConfig({}, issues), DEFAULT_CACHE_CONFIG);
    assert.equal(validateCacheConfig({}, issues).semantic, undefined);
    assert.deepEqual(issues.errors, []);
  });

  it('applies valid values and semantic defaults', () => {
    const issues = new IssueList();
    const c = validateCacheConfig(
      { enabled: false, maxEntries: 50, maxBytes: 4096, ttlMs: 1000, persist: true, semantic: { embeddingDeployment: 'emb', dimensions: 512 } },
      issues,
      new Set(['emb']),
    );
    assert.deepEqual(issues.errors, []);
    assert.deepEqual(c, { enabled: false, maxEntries: 50, maxBytes: 4096, ttlMs: 1000, persist: true, semantic: { embeddingDeployment: 'emb', threshold: 0.95, maxEntries: 5000, timeoutMs: 10000, dimensions: 512 } });
  });

  it('lists every problem with its path', () => {
    const issues = new IssueList();
    validateCacheConfig(
      { enabled: 'yes', maxEntries: 0, maxBytes: -1, ttlMs: 'soon', persits: true, semantic: { threshold: 1.5, maxEntries: 2.5, model: 'x' } },
      issues,
      new Set(['emb']),
    );
    assert.deepEqual(paths(issues).sort(), [
      'cache.enabled', 'cache.maxBytes', 'cache.maxEntries', 'cache.persits', 'cache.semantic.embeddingDeployment',
      'cache.semantic.maxEntries', 'cache.semantic.model', 'cache.semantic.threshold', 'cache.ttlMs',
    ]);
    assert.ok(issues.errors.every((e) => e.message.length > 10));
  });

  it('checks the embedding deployment exists and warns on a loose threshold', () => {
    const issues = new IssueList();
    validateCacheConfig({ semantic: { embeddingDeployment: 'nope', threshold: 0.8 } }, issues, new Set(['emb']));
    assert.deepEqual(paths(issues), ['cache.semantic.embeddingDeployment']);
    assert.deepEqual(issues.warnings.map((w) => w.path), ['cache.semantic.threshold']);
    const notObject = new IssueList();
    validateCacheConfig('on', notObject);
    assert.deepEqual(paths(notObject), ['cache']);
  });

  it('validates per-alias opt-ins', () => {
    const issues = new IssueList();
    assert.deepEqual(
      validateAliasCachePolicy({ exact: true, storeNonDeterministic: true, semantic: true, semanticThreshold: 0.97, ttlMs: 60000 }, 'aliases.fast', issues, true),
      { exact: true, storeNonDeterministic: true, semantic: true, semanticThreshold: 0.97, ttlMs: 60000 },
    );
    assert.deepEqual(issues.errors, []);
    assert.equal(validateAliasCachePolicy(undefined, 'aliases.fast', issues), undefined);
    const bad = new IssueList();
    validateAliasCachePolicy({ exact: 'no', semantic: true, semanticThreshold: 0, ttl: 5 }, 'aliases.fast', bad, false);
    assert.deepEqual(paths(bad).sort(), ['aliases.fast.cache.exact', 'aliases.fast.cache.semanticThreshold', 'aliases.fast.cache.ttl']);
    assert.deepEqual(bad.warnings.map((w) => w.path), ['aliases.fast.cache.semantic']);
  });
});
