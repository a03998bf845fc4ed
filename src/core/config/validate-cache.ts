import {
  AliasCachePolicy,
  CacheConfig,
  DEFAULT_CACHE_CONFIG,
  DEFAULT_EMBEDDING_TIMEOUT_MS,
  DEFAULT_SEMANTIC_MAX_ENTRIES,
  DEFAULT_SEMANTIC_THRESHOLD,
  SemanticCacheConfig,
} from '../cache/cache-config';
import { IssueList, checkNumber, checkUnknownKeys, isRecord, joinPath } from './config-issues';

const CACHE_KEYS = ['enabled', 'maxEntries', 'maxBytes', 'ttlMs', 'persist', 'semantic'] as const;
const SEMANTIC_KEYS = ['embeddingDeployment', 'threshold', 'maxEntries', 'timeoutMs', 'dimensions'] as const;
const ALIAS_KEYS = ['exact', 'storeNonDeterministic', 'semantic', 'semanticThreshold', 'ttlMs'] as const;

function checkBoolean(issues: IssueList, obj: Record<string, unknown>, key: string, path: string, hint: string): void {
  const v = obj[key];
  if (v !== undefined && typeof v !== 'boolean') issues.error(joinPath(path, key), `must be true or false; got ${JSON.stringify(v)}. ${hint}`);
}

function checkThreshold(issues: IssueList, obj: Record<string, unknown>, key: string, path: string): void {
  const v = obj[key];
  if (v === undefined) return;
  const p = joinPath(path, key);
  if (typeof v !== 'number' || !(v > 0 && v <= 1)) {
    issues.error(p, `must be a cosine similarity in (0, 1]; got ${JSON.stringify(v)}. The safe default is ${DEFAULT_SEMANTIC_THRESHOLD}.`);
  } else if (v < 0.9) {
    issues.warn(p, `${v} is a loose threshold: different questions may get each other's answers. ${DEFAULT_SEMANTIC_THRESHOLD} is the default.`);
  }
}

function validateSemantic(raw: unknown, issues: IssueList, deploymentIds: ReadonlySet<string> | undefined): SemanticCacheConfig | undefined {
  const path = 'cache.semantic';
  if (!isRecord(raw)) {
    issues.error(path, 'must be an object like { "embeddingDeployment": "embed-small" }; remove it to keep the semantic cache off.');
    return undefined;
  }
  checkUnknownKeys(issues, raw, SEMANTIC_KEYS, path);
  const dep = raw.embeddingDeployment;
  if (typeof dep !== 'string' || dep === '') {
    issues.error(joinPath(path, 'embeddingDeployment'), 'is required: the id of a deployment serving an OpenAI-compatible /embeddings endpoint.');
  } else if (deploymentIds !== undefined && !deploymentIds.has(dep)) {
    issues.error(joinPath(path, 'embeddingDeployment'), `names no deployment ("${dep}"); add it to "deployments" or fix the id.`);
  }
  checkThreshold(issues, raw, 'threshold', path);
  checkNumber(issues, raw, 'maxEntries', path, { min: 1, integer: true, hint: `Entries, e.g. ${DEFAULT_SEMANTIC_MAX_ENTRIES}.` });
  checkNumber(issues, raw, 'timeoutMs', path, { min: 1, hint: 'Milliseconds per embeddings call, e.g. 10000.' });
  checkNumber(issues, raw, 'dimensions', path, { min: 1, integer: true, hint: 'Vector length the model supports, e.g. 512.' });
  if (typeof dep !== 'string') return undefined;
  const out: SemanticCacheConfig = {
    embeddingDeployment: dep,
    threshold: typeof raw.threshold === 'number' ? raw.threshold : DEFAULT_SEMANTIC_THRESHOLD,
    maxEntries: typeof raw.maxEntries === 'number' ? raw.maxEntries : DEFAULT_SEMANTIC_MAX_ENTRIES,
    timeoutMs: typeof raw.timeoutMs === 'number' ? raw.timeoutMs : DEFAULT_EMBEDDING_TIMEOUT_MS,
  };
  if (typeof raw.dimensions === 'number') out.dimensions = raw.dimensions;
  return out;
}

/**
 * Validates the root `cache` section and returns it with defaults applied
 * (the defaults alone when it is absent). Pass the deployment ids to check
 * `semantic.embeddingDeployment`.
 */
export function validateCacheConfig(raw: unknown, issues: IssueList, deploymentIds?: ReadonlySet<string>): CacheConfig {
  const config: CacheConfig = { ...DEFAULT_CACHE_CONFIG };
  if (raw === undefined) return config;
  if (!isRecord(raw)) {
    issues.error('cache', `must be an object with any of ${CACHE_KEYS.join(', ')}.`);
    return config;
  }
  checkUnknownKeys(issues, raw, CACHE_KEYS, 'cache');
  checkBoolean(issues, raw, 'enabled', 'cache', 'false turns the response cache off.');
  checkBoolean(issues, raw, 'persist', 'cache', 'true keeps cached answers across window reloads.');
  const okEntries = checkNumber(issues, raw, 'maxEntries', 'cache', { min: 1, integer: true, hint: 'Answers kept, e.g. 1000.' });
  const okBytes = checkNumber(issues, raw, 'maxBytes', 'cache', { min: 1024, integer: true, hint: 'Bytes, e.g. 67108864 (64 MiB).' });
  const okTtl = checkNumber(issues, raw, 'ttlMs', 'cache', { min: 1, hint: 'Milliseconds, e.g. 86400000 (a day).' });
  if (typeof raw.enabled === 'boolean') config.enabled = raw.enabled;
  if (typeof raw.persist === 'boolean') config.persist = raw.persist;
  if (okEntries && typeof raw.maxEntries === 'number') config.maxEntries = raw.maxEntries;
  if (okBytes && typeof raw.maxBytes === 'number') config.maxBytes = raw.maxBytes;
  if (okTtl && typeof raw.ttlMs === 'number') config.ttlMs = raw.ttlMs;
  if (raw.semantic !== undefined) {
    const semantic = validateSemantic(raw.semantic, issues, deploymentIds);
    if (semantic !== undefined) config.semantic = semantic;
  }
  return config;
}

/**
 * Validates `aliases.<name>.cache` (call it from the alias validator with the
 * alias's path, e.g. `aliases.fast`). Semantic opt-in without a
 * `cache.semantic` section is a warning (`semanticConfigured` false).
 */
export function validateAliasCachePolicy(raw: unknown, aliasPath: string, issues: IssueList, semanticConfigured?: boolean): AliasCachePolicy | undefined {
  if (raw === undefined) return undefined;
  const path = joinPath(aliasPath, 'cache');
  if (!isRecord(raw)) {
    issues.error(path, `must be an object with any of ${ALIAS_KEYS.join(', ')}.`);
    return undefined;
  }
  checkUnknownKeys(issues, raw, ALIAS_KEYS, path);
  checkBoolean(issues, raw, 'exact', path, 'false keeps this alias out of the response cache.');
  checkBoolean(issues, raw, 'storeNonDeterministic', path, 'true also caches answers sampled with temperature > 0 and no seed.');
  checkBoolean(issues, raw, 'semantic', path, 'true lets near-identical prompts share answers (audited).');
  checkThreshold(issues, raw, 'semanticThreshold', path);
  checkNumber(issues, raw, 'ttlMs', path, { min: 1, hint: 'Milliseconds, e.g. 3600000.' });
  if (raw.semantic === true && semanticConfigured === false) {
    issues.warn(joinPath(path, 'semantic'), 'has no effect until "cache.semantic" names an embedding deployment.');
  }
  const policy: AliasCachePolicy = {};
  if (typeof raw.exact === 'boolean') policy.exact = raw.exact;
  if (typeof raw.storeNonDeterministic === 'boolean') policy.storeNonDeterministic = raw.storeNonDeterministic;
  if (typeof raw.semantic === 'boolean') policy.semantic = raw.semantic;
  if (typeof raw.semanticThreshold === 'number') policy.semanticThreshold = raw.semanticThreshold;
  if (typeof raw.ttlMs === 'number' && raw.ttlMs > 0) policy.ttlMs = raw.ttlMs;
  return policy;
}
