import { randomUUID } from 'node:crypto';
import { SwitchboardConfig } from '../config/switchboard-config';
import { validateConfig } from '../config/validate-config';
import { CallRecord } from '../model/call-record';
import { StreamEvent } from '../model/stream-event';
import { SwitchboardError } from '../model/switchboard-error';
import { FetchFn } from '../net/safe-fetch';
import { Clock, KeysPort, LedgerStore, LogSink, RandomSource } from '../ports';
import { DEFAULT_LIMITS } from '../config/defaults';
import { deploymentHealth } from '../health/deployment-health';
import { ConcurrencyGate } from '../limits/concurrency-gate';
import { createRouter } from '../router/create-router';
import { Router } from '../router/router';
import { RouterState } from '../router/router-state';
import { Sleep, realSleep } from '../router/sleep';
import { ChatResult, DeploymentHealth, Disposable, Orchestrator } from './orchestrator';
import { RequestServices, collectRequest, refusedOutcome, refusedStream, runRequest } from './run-request';
import { Runtime, buildRuntime } from './runtime';
import { cacheStage, createCacheStage } from './stages/cache-stage';
import { budgetStage } from './stages/budget-stage';
import { ledgerStage } from './stages/ledger-stage';
import { limitsStage } from './stages/limits-stage';
import { inputGuardStage } from './guards/input-guard-stage';
import { outputGuardStage } from './guards/output-guard-stage';
import { redactionStage } from '../redaction/redaction-stage';
import { buildPipeline } from './pipeline/build-pipeline';
import { ScopeStage } from './pipeline/stage';
import { TelemetryOptions, createTelemetry } from '../telemetry/telemetry';
import { cachePersistence } from './stages/cache-persistence-stage';
import { BudgetGuard, SpendSource, createBudgetGuard } from '../budget/budget-guard';
import { createMemoryLedgerStore } from '../ledger/memory-ledger-store';
import { PriceBook, createPriceBook } from '../pricing/price-book';
import { afterAnswer } from '../scheduling/after-answer';

function isSpendSource(l: LedgerStore): l is LedgerStore & SpendSource {
  return typeof (l as Partial<SpendSource>).summary === 'function';
}

export interface OrchestratorPorts {
  keys?: KeysPort;
  ledger?: LedgerStore;
  now?: Clock;
  random?: RandomSource;
  log?: LogSink;
  fetch?: FetchFn;
  /** Workspace the records belong to. */
  workspace?: string;
  /** Replaces the built-in router (tests, experiments). */
  router?: Router;
  /** Prices and context windows; defaults to the bundled @pydantic/genai-prices data. */
  prices?: PriceBook;
  /** Waits for backoffs and cooldowns; tests pass one driven by a fake clock. */
  sleep?: Sleep;
  /** Spend across every workspace, for `global` budgets (defaults to this ledger only). */
  globalSpend?: SpendSource;
  /** Where the response cache persists when `cache.persist` is on (never holds keys). */
  cacheDir?: string;
  /** Extra stages around the whole pipeline (outermost first): they see every request and every event. */
  stages?: readonly ScopeStage[];
  /** Headers for the OTLP collector (`telemetry.otlp`), kept in SecretStorage by the extension. */
  telemetryHeaders?: TelemetryOptions['headers'];
  /** Every key value the host has handled this session: redacted from prompts wherever they appear (S8). */
  knownSecrets?: () => readonly string[];
  /** Reported as `service.version` on traces. */
  version?: string;
}

function invalidConfig(errors: { path: string; message: string }[]): SwitchboardError {
  const lines = errors.map((e) => `  ${e.path || '(root)'}: ${e.message}`).join('\n');
  return new SwitchboardError({ kind: 'invalid_config', retryable: false, message: `The Switchboard configuration has ${errors.length} problem(s):\n${lines}` });
}

function checked(raw: SwitchboardConfig): SwitchboardConfig {
  const v = validateConfig(raw);
  if (!v.ok) throw invalidConfig(v.errors);
  return v.config;
}

/** Builds the core from a config (validated here) and its ports. */
export function createOrchestrator(config: SwitchboardConfig, ports: OrchestratorPorts = {}): Orchestrator {
  const now = ports.now ?? Date.now;
  const book = ports.prices ?? createPriceBook({ now });
  const runtimePorts = { keys: ports.keys ?? (() => undefined), now, random: ports.random ?? Math.random, prices: book, ...(ports.fetch ? { fetch: ports.fetch } : {}), ...(ports.log ? { log: ports.log } : {}) };
  let runtime: Runtime = buildRuntime(checked(config), runtimePorts);
  // Router memory outlives config swaps; it is keyed by deployment id and pruned on swap (R18).
  const routerState = new RouterState(runtime.config.deployments);
  const limitsOf = (r: Runtime): { maxConcurrent: number; maxQueue: number } => ({ ...DEFAULT_LIMITS, ...r.config.limits });
  const gate = new ConcurrencyGate(limitsOf(runtime).maxConcurrent, limitsOf(runtime).maxQueue);
  const router = ports.router ?? createRouter({ state: routerState, sleep: ports.sleep ?? realSleep });
  const listeners = new Set<(r: CallRecord) => void>();
  let disposed = false;
  const workspace = ports.workspace ?? 'default';
  const ledger = ports.ledger ?? createMemoryLedgerStore({ workspaceId: workspace, now });
  // Budgets read spend from the ledger; a write-only ledger gets an in-memory mirror to read from.
  const spend: SpendSource & LedgerStore = isSpendSource(ledger) ? ledger : createMemoryLedgerStore({ workspaceId: workspace, now });
  // One guard per budgets config: a settings change that keeps the budgets keeps the
  // in-flight reservations (R13); changed budgets start a guard that reloads the spend.
  // `of` is the budgets object the key was made from: the same object (every request of one
  // config) skips re-serialising it.
  let guard: { of: unknown; key: string; guard: BudgetGuard | undefined } | undefined;

  const cache = createCacheStage({ workspace, now, onStored: () => persistence?.schedule(), ready: () => persistence?.loaded(), config: runtime.cache, ...(ports.log ? { log: ports.log } : {}) });
  const persistence = ports.cacheDir && runtime.cache.persist ? cachePersistence(ports.cacheDir, cache.exact, now, ports.log) : undefined;
  const budgetFor = (r: Runtime): BudgetGuard | undefined => {
    const budgets = r.config.budgets;
    if (guard && guard.of === budgets) return guard.guard;
    const key = JSON.stringify(budgets ?? null);
    if (guard?.key !== key) {
      const any = budgets && (budgets.workspace || budgets.global);
      guard = { of: budgets, key, guard: any ? createBudgetGuard({ budgets, ledger: spend, now, ...(ports.globalSpend ? { globalLedger: ports.globalSpend } : {}) }) : undefined };
    } else guard.of = budgets;
    return guard.guard;
  };
  /** Records queued for the ledger whose write and sync have not finished yet; `flush` waits for them. */
  const writing = new Set<Promise<void>>();
  /**
   * A finished record, published after its request's caller has the answer
   * (see `afterAnswer`): queued for the ledger (and the budget mirror), then
   * broadcast; never throws. The budget reservation is settled before (in the
   * budget stage), so the next request's check already counts it; `flush()`
   * publishes what is still queued, then waits until it is durable. Neither
   * the answer nor its `done` waits for the file's `fdatasync` (~3 ms): the
   * crash window is the one there always was, between the answer reaching
   * the user and its record reaching the disk.
   */
  const records = afterAnswer((err) => ports.log?.error(`Publishing a record failed: ${err instanceof Error ? err.message : String(err)}`));
  const publish = (record: CallRecord): void => records.add(() => publishNow(record));
  const publishNow = (record: CallRecord): void => {
    // The real ledger and the mirror, each write on its own: one failing never costs the other its record.
    // Both are queued now (synchronously), so a summary from here on counts this one.
    const toLedger = queueWrite(ledger, 'the ledger', record);
    // The mirror only matters while budgets are configured; without them it would just grow.
    const durable = spend !== ledger && budgetFor(runtime) ? Promise.all([toLedger, queueWrite(spend, 'the budget mirror', record)]).then(() => undefined) : toLedger;
    writing.add(durable);
    void durable.then(() => writing.delete(durable));
    for (const l of [...listeners]) {
      try {
        l(record);
      } catch (err) {
        ports.log?.error(`A record listener failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  };
  /** One store's write of a record, settled either way (a failure is logged, never thrown, even a synchronous one). */
  const queueWrite = (to: LedgerStore, what: string, record: CallRecord): Promise<void> => {
    const failed = (err: unknown): void => ports.log?.error(`Could not write record ${record.id} to ${what}: ${err instanceof Error ? err.message : String(err)}`);
    try {
      return to.append(record).catch(failed);
    } catch (err) {
      failed(err);
      return Promise.resolve();
    }
  };
  const telemetry = createTelemetry({ ...(ports.telemetryHeaders ? { headers: ports.telemetryHeaders } : {}), ...(ports.log ? { log: ports.log } : {}), ...(ports.version ? { serviceVersion: ports.version } : {}), now });
  const services: RequestServices = {
    book,
    newId: randomUUID,
    workspace,
    pipeline: buildPipeline({
      scope: [...(ports.stages ?? []), telemetry.stage, ledgerStage(publish)],
      request: [inputGuardStage(), redactionStage(ports.knownSecrets), budgetStage({ guard: budgetFor, book, workspace }), cacheStage(cache), limitsStage(() => gate), outputGuardStage()],
      router,
    }),
  };
  if (ports.knownSecrets) services.knownSecrets = ports.knownSecrets;

  const disposedError = (): SwitchboardError => new SwitchboardError({ kind: 'bad_request', retryable: false, message: 'This orchestrator was disposed' });

  return {
    stream(req, opts = {}) {
      if (disposed) return refusedStream(runtime, services, req, opts, disposedError());
      return runRequest(runtime, services, req, opts, true);
    },
    async chat(req, opts = {}): Promise<ChatResult> {
      let reasoning = '';
      const toolCalls: ChatResult['toolCalls'] = [];
      const thinkingBlocks: ChatResult['thinkingBlocks'] = [];
      const see = (ev: StreamEvent): void => {
        if (ev.type === 'reasoning') reasoning += ev.text;
        else if (ev.type === 'tool-call') toolCalls.push({ id: ev.id, name: ev.name, arguments: ev.arguments });
        else if (ev.type === 'thinking-block') thinkingBlocks.push(ev.block);
      };
      const outcome = disposed ? refusedOutcome(runtime, services, req, opts, disposedError()) : await collectRequest(runtime, services, req, opts, see);
      if (outcome.type === 'error') throw outcome.error.withOutcome(outcome.record, outcome.content);
      if (outcome.record.status === 'ok') return { content: outcome.content, reasoning, toolCalls, thinkingBlocks, record: outcome.record };
      throw new SwitchboardError({ kind: outcome.record.errorKind ?? 'network', message: `The answer is incomplete: ${outcome.record.errorMessage ?? 'the stream ended early'}` }).withOutcome(outcome.record, outcome.content);
    },
    onRecord(listener): Disposable {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    health(): DeploymentHealth[] {
      return deploymentHealth(runtime, routerState);
    },
    resetCooldown(deploymentId) {
      const st = routerState.peek(deploymentId);
      st?.cooldown.reset();
      return runtime.deployments.has(deploymentId);
    },
    setPaused(deploymentId, paused) {
      if (!runtime.deployments.has(deploymentId)) return false;
      routerState.setPaused(deploymentId, paused);
      return true;
    },
    clearKeyRejection(providerId) {
      routerState.clearRejectedKey(providerId);
    },
    updateConfig(next) {
      const nextRuntime = buildRuntime(checked(next), runtimePorts);
      routerState.retain(nextRuntime.config.deployments, nextRuntime.providers);
      const limits = limitsOf(nextRuntime);
      gate.resize(limits.maxConcurrent, limits.maxQueue);
      runtime = nextRuntime;
    },
    clearCache(filter) {
      const n = cache.clear(filter);
      persistence?.schedule();
      return n;
    },
    async flush() {
      records.drain();
      cache.drain();
      await Promise.all([persistence?.save(), telemetry.flush(), ...writing]);
    },
    dispose() {
      // Requests that ended are published (and their answers stored) before the listeners go.
      records.drain();
      cache.drain();
      disposed = true;
      listeners.clear();
      void persistence?.save();
      void telemetry.dispose();
      for (const adapter of runtime.adapters.values()) adapter.dispose?.();
    },
  };
}
