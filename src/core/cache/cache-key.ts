import { createHash, hash } from 'node:crypto';
import { ChatRequest } from '../model/chat-request';
import { canonicalJson, orderedJson } from './canonical-json';

/**
 * Bumped whenever the key material or the stored entry changes meaning, so old
 * (possibly persisted) entries simply miss.
 */
export const KEY_VERSION = 'sb-cache-key/1';

const FINGERPRINT_DOMAIN = 'switchboard.account-fingerprint.v1\u0000';

/** A candidate deployment, as far as the answer depends on it. */
export interface DeploymentRef {
  /** The provider's name in the config (which also names its account and base URL). */
  provider: string;
  /** Provider-side model name. */
  model: string;
}

export interface CacheKeyInput {
  request: ChatRequest;
  /** The alias name or deployment id the request resolved to. */
  resolvedTarget: string;
  /** The candidate deployments, in config order (not the order a strategy picked). */
  deployments: readonly DeploymentRef[];
  /** From `fingerprintKey` (or `combineFingerprints` for several accounts). Never the key. */
  accountFingerprint: string;
  workspace: string;
  /** Hash of the config parts that affect the answer (base URLs, headers, presets); a change misses. */
  configHash?: string;
}

/**
 * A stable, non-reversible name for an API key: truncated SHA-256 under a
 * domain prefix, so it cannot be matched against hashes made elsewhere.
 */
export function fingerprintKey(key: string | undefined): string {
  if (key === undefined || key === '') return 'fp1:none';
  return 'fp1:' + createHash('sha256').update(FINGERPRINT_DOMAIN + key, 'utf8').digest('hex').slice(0, 32);
}

/** One fingerprint for the accounts behind several deployments (order-independent). */
export function combineFingerprints(fingerprints: readonly string[]): string {
  const unique = [...new Set(fingerprints)].sort();
  return unique.length === 1 ? (unique[0] as string) : unique.join('+');
}

/** Node's one-shot digest (20.12+; VS Code ships newer): no Hash object per call. */
const oneShot: ((algorithm: string, data: string, encoding: 'hex') => string) | undefined = typeof hash === 'function' ? hash : undefined;

export function sha256Hex(text: string): string {
  return oneShot ? oneShot('sha256', text, 'hex') : createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Fields the key ignores: routing target (replaced by the resolved one) and cache controls. */
const NOT_OUTPUT_AFFECTING: ReadonlySet<string> = new Set(['model', 'cache']);
/** Passed to providers verbatim; key order inside them is meaningful. */
const OPAQUE: ReadonlySet<string> = new Set(['response_format', 'tools', 'tool_choice']);

function normalizeStop(stop: unknown): unknown {
  if (typeof stop === 'string') return [stop];
  if (Array.isArray(stop) && stop.length === 0) return undefined;
  return stop;
}

/**
 * The output-affecting parameters of a request, normalised: `stop: "x"` is
 * `["x"]`, an empty stop list is no stop list, `null` is absent. An absent
 * parameter is never equated with an explicit default (providers differ on
 * defaults). Unknown fields are kept: if it reached the provider it may matter.
 */
export function normalizeParams(request: ChatRequest, options: { omitMessages?: boolean } = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(request)) {
    const v = (request as unknown as Record<string, unknown>)[k];
    if (v === undefined || v === null || NOT_OUTPUT_AFFECTING.has(k)) continue;
    if (k === 'messages') {
      if (!options.omitMessages) out.messages = v;
    } else if (k === 'stop') {
      const s = normalizeStop(v);
      if (s !== undefined) out.stop = s;
    } else if (OPAQUE.has(k) || typeof v === 'object') {
      out[k] = { ordered: orderedJson(v) };
    } else {
      out[k] = v;
    }
  }
  return out;
}

/**
 * The key material a request adds nothing to: version, target, candidates,
 * account, workspace and config, as the canonical text on either side of the
 * request's parameters (`params` sorts between `deployments` and `target`).
 * The same for every request to one alias under one key and config, so the
 * cache stage builds it once for them, not per request.
 */
export interface CacheKeyFrame {
  readonly before: string;
  readonly after: string;
}

export function cacheKeyFrame(input: Omit<CacheKeyInput, 'request'>): CacheKeyFrame {
  const deployments = canonicalJson(input.deployments.map((d) => [d.provider, d.model]));
  return {
    before: `{"account":${canonicalJson(input.accountFingerprint)},"config":${canonicalJson(input.configHash ?? '')},"deployments":${deployments},"params":`,
    after: `,"target":${canonicalJson(input.resolvedTarget)},"v":${canonicalJson(KEY_VERSION)},"workspace":${canonicalJson(input.workspace)}}`,
  };
}

/** The exact-cache key of `request` within `frame`: the same text, and so the same key, as `computeCacheKey`. */
export function cacheKeyIn(frame: CacheKeyFrame, request: ChatRequest): string {
  return sha256Hex(frame.before + canonicalJson(normalizeParams(request)) + frame.after);
}

/** The exact-cache key: SHA-256 (hex) of the canonical JSON of everything that shapes the answer. */
export function computeCacheKey(input: CacheKeyInput): string {
  return cacheKeyIn(cacheKeyFrame(input), input.request);
}
