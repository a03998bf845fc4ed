import { createHash } from 'node:crypto';
import { CacheConfig, DEFAULT_CACHE_CONFIG, EffectiveAliasPolicy, effectiveAliasPolicy } from '../../cache/cache-config';
import { CachedAnswer } from '../../cache/cache-entry';
import { CacheKeyFrame, CacheKeyInput, DeploymentRef, cacheKeyFrame, cacheKeyIn, combineFingerprints } from '../../cache/cache-key';
import { shouldLookup, shouldStore } from '../../cache/cache-policy';
import { cachedAnswerFromRecord } from '../../cache/cache-record';
import { CacheFilter, ExactCache, createExactCache } from '../../cache/exact-cache';
import { createOpenAIEmbedder } from '../../cache/openai-embedder';
import { SemanticCache, SemanticMiss, createSemanticCache } from '../../cache/semantic-cache';
import { CallRecord } from '../../model/call-record';
import { ChatRequest } from '../../model/chat-request';
import { Clock, LogSink } from '../../ports';
import { afterAnswer } from '../../scheduling/after-answer';
import { providerBaseUrl } from '../../providers/provider-endpoint';
import { ResolvedTarget } from '../../router/resolve-target';
import { replayAsStream } from '../../cache/replay-stream';
import { AnswerText } from '../pipeline/answer-text';
import { observe, whenReady } from '../pipeline/runs';
import { MaybePromise, isPromiseLike } from '../../model/maybe-promise';
import { RequestContext, RequestStage, StageRun } from '../pipeline/stage';
import { Runtime } from '../runtime';

/** What a lookup found. A miss carries what the store step needs. */
export type CacheLookup =
  | { kind: 'bypass' }
  | { kind: 'hit'; entry: CachedAnswer; status: 'hit' | 'semantic-hit'; similarity?: number; matchedPrompt?: string }
  | { kind: 'miss'; key: string; keyInput: CacheKeyInput; policy: EffectiveAliasPolicy; semanticMiss?: SemanticMiss };

export interface CacheStage {
  /** At hand when nothing needs waiting for (keys in memory, the persisted cache loaded, no semantic lookup). */
  lookup(runtime: Runtime, request: ChatRequest, target: ResolvedTarget, signal: AbortSignal): MaybePromise<CacheLookup>;
  /**
   * Stores a finished request's answer if policy allows (complete, deterministic...), after its caller
   * has it (see `afterAnswer`); a lookup, a clear or `drain` stores what is still queued first.
   */
  store(miss: Extract<CacheLookup, { kind: 'miss' }>, record: CallRecord, content: string, reasoning: string, chunks?: { text: readonly number[]; reasoning: readonly number[] }): void;
  /** Stores every answer still queued (before the cache is saved, or the orchestrator goes). */
  drain(): void;
  clear(filter?: CacheFilter): number;
  readonly exact: ExactCache;
}

/** Everything in the config that changes where a request goes or what it returns. */
function hashConfig(runtime: Runtime): string {
  const { providers, deployments } = runtime.config;
  return createHash('sha256').update(JSON.stringify({ providers, deployments })).digest('hex').slice(0, 16);
}

function candidates(target: ResolvedTarget): DeploymentRef[] {
  const list = target.kind === 'alias' ? target.deployments : [target.deployment];
  return list.map((d) => ({ provider: d.provider, model: d.model }));
}

/** A target's key parts; the frame is kept for the last accounts seen (a key change makes a new one). */
interface KeyedTarget {
  /** The providers behind the candidates, once each: whose key fingerprints the key carries. */
  readonly providers: readonly string[];
  frameFor(fingerprints: readonly (string | undefined)[]): { frame: CacheKeyFrame; keyInput: Omit<CacheKeyInput, 'request'> };
}

function createKeyedTarget(target: ResolvedTarget, resolvedTarget: string, workspace: string, configHash: string): KeyedTarget {
  const deployments = candidates(target);
  const providers = [...new Set(deployments.map((c) => c.provider))];
  let last: { fingerprints: readonly (string | undefined)[]; frame: CacheKeyFrame; keyInput: Omit<CacheKeyInput, 'request'> } | undefined;
  return {
    providers,
    frameFor(fingerprints) {
      if (last && last.fingerprints.length === fingerprints.length && last.fingerprints.every((fp, i) => fp === fingerprints[i])) return last;
      const keyInput = {
        resolvedTarget,
        deployments,
        accountFingerprint: combineFingerprints(fingerprints.map((fp, i) => `${providers[i] ?? ''}:${fp ?? 'none'}`)),
        workspace,
        configHash,
      };
      last = { fingerprints: [...fingerprints], frame: cacheKeyFrame(keyInput), keyInput };
      return last;
    },
  };
}

/**
 * The exact (and, opted in per alias, semantic) response cache in front of the
 * router. Keys cover every output-affecting parameter plus the account
 * fingerprint, workspace and config hash (R16, S10).
 */
export function createCacheStage(opts: { workspace: string; now: Clock; config?: CacheConfig; onStored?: () => void; ready?: () => Promise<unknown> | undefined; log?: LogSink }): CacheStage {
  const initial = opts.config ?? DEFAULT_CACHE_CONFIG;
  // A failure to store an answer costs the cache that entry, never the answer its caller already has.
  const stores = afterAnswer((err) => opts.log?.error(`Could not store an answer in the cache: ${err instanceof Error ? err.message : String(err)}`));
  const exact = createExactCache({ maxEntries: initial.maxEntries, maxBytes: initial.maxBytes, ttlMs: initial.ttlMs, now: opts.now });
  let semantic: { cache: SemanticCache; forRuntime: Runtime } | undefined;
  // Per runtime (a config snapshot), owned by this stage rather than the module.
  const configHashes = new WeakMap<Runtime, string>();
  const configHash = (runtime: Runtime): string => {
    let h = configHashes.get(runtime);
    if (h === undefined) {
      h = hashConfig(runtime);
      configHashes.set(runtime, h);
    }
    return h;
  };

  // The key parts a request adds nothing to, per config snapshot and target name (a name resolves the same
  // way throughout one snapshot): built once, not per request.
  const keyedTargets = new WeakMap<Runtime, Map<string, KeyedTarget>>();
  const keyedTarget = (runtime: Runtime, target: ResolvedTarget): KeyedTarget => {
    const name = target.kind === 'alias' ? target.name : target.deployment.id;
    let byName = keyedTargets.get(runtime);
    if (byName === undefined) keyedTargets.set(runtime, (byName = new Map()));
    let keyed = byName.get(name);
    if (keyed === undefined) {
      keyed = createKeyedTarget(target, name, opts.workspace, configHash(runtime));
      byName.set(name, keyed);
    }
    return keyed;
  };

  const semanticFor = (runtime: Runtime): SemanticCache | undefined => {
    const cfg = runtime.cache.semantic;
    if (!cfg) return undefined;
    if (semantic?.forRuntime === runtime) return semantic.cache;
    const dep = runtime.deployments.get(cfg.embeddingDeployment);
    const provider = dep ? runtime.providers.get(dep.provider) : undefined;
    const baseUrl = provider ? providerBaseUrl(provider) : undefined;
    if (!dep || !baseUrl) return undefined;
    const embed = async (text: string, signal?: AbortSignal): Promise<Float32Array | readonly number[]> => {
      const apiKey = await runtime.resolveKey(dep.provider);
      const embedder = createOpenAIEmbedder({ baseUrl, model: dep.model, timeoutMs: cfg.timeoutMs, ...(apiKey ? { apiKey } : {}), ...(runtime.fetch ? { fetch: runtime.fetch } : {}), ...(cfg.dimensions ? { dimensions: cfg.dimensions } : {}) });
      return embedder(text, signal);
    };
    // A new config keeps the stored vectors only if the embedding model is unchanged.
    const cache = semantic && semantic.forRuntime.cache.semantic?.embeddingDeployment === cfg.embeddingDeployment ? semantic.cache : createSemanticCache({ embed, threshold: cfg.threshold, maxEntries: cfg.maxEntries, now: opts.now });
    semantic = { cache, forRuntime: runtime };
    return cache;
  };

  return {
    exact,
    lookup(runtime, request, target, signal) {
      // An answer that ended before this request began is in the cache for it.
      if (stores.pending > 0) stores.drain();
      const cfg = runtime.cache;
      const alias = target.kind === 'alias' ? runtime.aliases.get(target.name) : undefined;
      const policy = effectiveAliasPolicy(cfg, alias?.cache);
      const decision = shouldLookup(request, policy);
      if (!decision.lookup) return { kind: 'bypass' };
      const keyed = keyedTarget(runtime, target);
      const fingerprints = keyed.providers.map((p) => runtime.keyFingerprint(p));
      const find = (fps: readonly (string | undefined)[]): MaybePromise<CacheLookup> => {
        const { frame, keyInput: framed } = keyed.frameFor(fps);
        const keyInput: CacheKeyInput = { request, ...framed };
        const key = cacheKeyIn(frame, request);
        const hit = exact.get(key, decision.maxAgeMs !== undefined ? { maxAgeMs: decision.maxAgeMs } : undefined);
        if (hit) return { kind: 'hit', entry: hit, status: 'hit' };
        const sem = policy.semantic ? semanticFor(runtime) : undefined;
        if (!sem) return { kind: 'miss', key, keyInput, policy };
        return sem.lookup(keyInput, { threshold: policy.semanticThreshold, signal }).then((s): CacheLookup => {
          if (s.kind === 'hit') return { kind: 'hit', entry: s.entry, status: 'semantic-hit', similarity: s.similarity, matchedPrompt: s.matchedPrompt };
          if (s.kind === 'miss') return { kind: 'miss', key, keyInput, policy, semanticMiss: s };
          return { kind: 'miss', key, keyInput, policy };
        });
      };
      // A persisted cache still loading answers only once it is in; keys at hand and a loaded cache cost no promise turn.
      const loading = opts.ready?.();
      const allAtHand = !fingerprints.some(isPromiseLike);
      if (!loading && allAtHand) return find(fingerprints as (string | undefined)[]);
      return Promise.resolve(loading).then(() => Promise.all(fingerprints)).then(find);
    },
    store(miss, record, content, reasoning, chunks) {
      // The answer's time, taken now: its time to live counts from its arrival, not from when it is stored.
      const at = opts.now();
      // The semantic cache the lookup used, even if a config change replaces it before the store runs.
      const sem = miss.semanticMiss ? semantic?.cache : undefined;
      stores.add(() => storeNow(miss, record, content, reasoning, chunks, at, sem));
    },
    drain: () => stores.drain(),
    clear(filter) {
      stores.drain();
      return exact.clear(filter) + (semantic?.cache.clear(filter) ?? 0);
    },
  };

  function storeNow(miss: Extract<CacheLookup, { kind: 'miss' }>, record: CallRecord, content: string, reasoning: string, chunks: { text: readonly number[]; reasoning: readonly number[] } | undefined, at: number, sem: SemanticCache | undefined): void {
    const decision = shouldStore(record.status, record.finishReason, miss.keyInput.request, miss.policy);
    if (!decision.store) return;
    const tags = { workspace: opts.workspace, alias: miss.keyInput.resolvedTarget, fingerprint: miss.keyInput.accountFingerprint, ...(miss.keyInput.configHash ? { configHash: miss.keyInput.configHash } : {}) };
    const entry = cachedAnswerFromRecord({ record, content, reasoning, ...(chunks ? { chunks } : {}), request: miss.keyInput.request, tags, now: at });
    if (!entry) return;
    if (exact.set(miss.key, entry, { ttlMs: decision.ttlMs, at })) opts.onStored?.();
    if (miss.semanticMiss && sem) sem.store(miss.semanticMiss, entry, { ttlMs: decision.ttlMs, at });
  }
}

export type CacheHit = Extract<CacheLookup, { kind: 'hit' }>;

/** A hit: its notice, the stored answer replayed as a stream, then the free record. */
async function* replayHit(ctx: RequestContext, lookup: CacheHit): StageRun {
  yield { type: 'attempt', notice: { kind: 'cache-hit', semantic: lookup.status === 'semantic-hit', ...(lookup.similarity !== undefined ? { similarity: lookup.similarity } : {}), ...(lookup.matchedPrompt !== undefined ? { matchedPrompt: lookup.matchedPrompt } : {}) } };
  yield* replayAsStream(lookup.entry);
  return ctx.record.hit(lookup);
}

/** The cache stage (R16, S10): a hit replays as a stream and costs nothing; a miss stores the complete answer. */
export function cacheStage(cache: CacheStage): RequestStage {
  // Not a generator around the miss: the lookup is a deferred start, storing a hook on the inner run.
  return (ctx, next) => {
    const afterLookup = (lookup: CacheLookup): StageRun => {
      if (lookup.kind === 'hit') return replayHit(ctx, lookup);
      if (lookup.kind === 'bypass') return next(ctx);
      ctx.record.cache('miss');
      const answer = new AnswerText();
      return observe(next(ctx), {
        see: (ev) => answer.observe(ev),
        end(outcome) {
          cache.store(lookup, outcome.record, answer.content, answer.reasoning, { text: answer.textChunks, reasoning: answer.reasoningChunks });
          return outcome;
        },
      });
    };
    return whenReady(() => cache.lookup(ctx.runtime, ctx.request, ctx.target, ctx.signal), afterLookup);
  };
}
