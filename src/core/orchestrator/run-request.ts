import { BudgetGuard, Reservation } from '../budget/budget-guard';
import { cacheHitRecordFields } from '../cache/cache-record';
import { replayAsStream } from '../cache/replay-stream';
import { CallRecord, RecordStatus } from '../model/call-record';
import { CallOptions, ChatRequest } from '../model/chat-request';
import { StreamEvent } from '../model/stream-event';
import { ToolCallEvents } from '../model/tool-call-events';
import { SwitchboardError, cancelledError } from '../model/switchboard-error';
import { ZERO_USAGE } from '../model/usage';
import { validateChatRequest } from '../model/validate-chat-request';
import { PriceBook } from '../pricing/price-book';
import { savingsUsd } from '../pricing/savings';
import { ResolvedTarget, resolveTarget } from '../router/resolve-target';
import { RouteResult, Router } from '../router/router';
import { finalizeUsage } from '../usage/finalize-usage';
import { requestSignal } from './deadline';
import { redactError } from './redact-error';
import { Runtime } from './runtime';
import { Admission, admit, reservedMaxTokens } from './stages/budget-stage';
import { CacheLookup, CacheStage } from './stages/cache-stage';

export interface RequestServices {
  router: Router;
  book: PriceBook;
  newId: () => string;
  workspace: string;
  /** Persists and broadcasts a finished record; never throws. */
  publish(record: CallRecord): Promise<void>;
  cache: CacheStage;
  /** The budget guard for this runtime's budgets, if any are configured. */
  budget(runtime: Runtime): BudgetGuard | undefined;
}

function statusOf(result: RouteResult): RecordStatus {
  const end = result.end;
  if (end.outcome === 'ok') return 'ok';
  if (end.error.kind === 'cancelled') return 'cancelled';
  return end.receivedOutput ? 'incomplete' : 'error';
}

function targetName(t: ResolvedTarget): string {
  return t.kind === 'alias' ? t.name : t.deployment.id;
}

/** The record of a request that sent nothing (yet): no attempts, no cost. */
function emptyRecord(runtime: Runtime, services: Pick<RequestServices, 'newId' | 'workspace'>, raw: unknown, opts: CallOptions, startedAt: number): CallRecord {
  const requested = typeof (raw as { model?: unknown } | null)?.model === 'string' ? (raw as { model: string }).model : '';
  const r: CallRecord = { id: services.newId(), requested, attempts: [], usage: { ...ZERO_USAGE }, costUsd: 0, priceSource: 'free', cache: 'bypass', status: 'error', startedAt, endedAt: runtime.now(), workspace: services.workspace };
  if (opts.origin !== undefined) r.origin = opts.origin;
  return r;
}

/**
 * A request refused before it began, as a stream with its one `error` event.
 * Nothing is published: it is for an orchestrator whose ledger may be gone.
 */
export async function* refusedStream(runtime: Runtime, services: Pick<RequestServices, 'newId' | 'workspace'>, raw: unknown, opts: CallOptions, error: SwitchboardError): AsyncGenerator<StreamEvent, void, undefined> {
  const record = { ...emptyRecord(runtime, services, raw, opts, runtime.now()), errorKind: error.kind, errorMessage: error.message };
  yield { type: 'error', error, record, content: '' };
}

/**
 * The life of one request (architecture.md): validate, resolve, budget,
 * cache, route, price, record; exactly one terminal event carries the record.
 */
export async function* runRequest(runtime: Runtime, services: RequestServices, raw: unknown, opts: CallOptions, stream: boolean): AsyncGenerator<StreamEvent, void, undefined> {
  const startedAt = runtime.now();
  const base = (): CallRecord => emptyRecord(runtime, services, raw, opts, startedAt);
  /** A request that ended before anything was sent: recorded with no cost. */
  async function* refuse(refusal: SwitchboardError): AsyncGenerator<StreamEvent, void, undefined> {
    const error = redactError(refusal);
    const record = { ...base(), errorKind: error.kind, errorMessage: error.message };
    await services.publish(record);
    yield { type: 'error', error, record, content: '' };
  }

  let request: ChatRequest;
  let target: ResolvedTarget;
  try {
    request = validateChatRequest(raw);
    target = resolveTarget(request.model, runtime, request);
  } catch (err) {
    yield* refuse(SwitchboardError.isInstance(err) ? err : new SwitchboardError({ kind: 'bad_request', message: String(err) }));
    return;
  }

  // 2. Budget: reserve the worst case before sending; settle after (R13).
  const guard = services.budget(runtime);
  let reservation: Reservation | undefined;
  let downgradedFrom: ResolvedTarget | undefined;
  const notices: StreamEvent[] = [];
  if (guard) {
    let admission: Admission;
    try {
      admission = await admit(guard, runtime, services.book, request, target, services.workspace);
    } catch (err) {
      // The spend could not be read (or the downgrade target failed to resolve): refuse, recorded.
      yield* refuse(internalError(err));
      return;
    }
    if (!admission.ok) {
      yield* refuse(admission.error);
      return;
    }
    reservation = admission.reservation;
    for (const w of admission.warnings) notices.push({ type: 'attempt', notice: { kind: 'budget', message: w.message } });
    if (admission.downgradedFrom) {
      downgradedFrom = admission.downgradedFrom.target;
      target = admission.target;
      notices.push({ type: 'attempt', notice: { kind: 'budget', message: `Budget "${admission.downgradedFrom.budget}" reached: using "${targetName(target)}" instead of "${targetName(downgradedFrom)}".` } });
    }
    // The reservation assumed a capped output; send that cap so the bound is real.
    if (request.max_tokens === undefined) request = { ...request, max_tokens: reservedMaxTokens(target) };
  }

  /** The record of a routed request, priced, for any outcome (partial answers are billed too). */
  const routedRecord = (result: RouteResult, lookup: CacheLookup, content: string, reasoning: string): CallRecord => {
    const end = result.end.outcome === 'error' ? { ...result.end, error: redactError(result.end.error) } : result.end;
    const record: CallRecord = { ...base(), attempts: result.attempts, status: statusOf(result), cache: lookup.kind === 'miss' ? 'miss' : 'bypass', endedAt: runtime.now() };
    if (result.skipped) record.skipped = result.skipped;
    if (target.kind === 'alias') record.alias = target.name;
    if (target.route) record.route = target.route;
    if (downgradedFrom) record.route = { tier: targetName(target), reason: `budget downgrade from "${targetName(downgradedFrom)}"` };
    const d = result.deployment;
    const provider = d ? runtime.providers.get(d.provider) : undefined;
    if (d && provider) {
      record.deploymentId = d.id;
      record.provider = d.provider;
      record.model = d.model;
      const reported = 'usage' in end ? end.usage : undefined;
      record.usage = result.attempts.length > 0 ? finalizeUsage(reported, request, content + reasoning, end.outcome === 'ok') : { ...ZERO_USAGE };
      const quote = services.book.priceFor(d, provider, record.usage);
      record.costUsd = quote.costUsd;
      record.priceSource = quote.source;
      const baseline = downgradedFrom?.kind === 'alias' ? downgradedFrom.deployments[0] : downgradedFrom?.kind === 'deployment' ? downgradedFrom.deployment : undefined;
      const baselineProvider = baseline ? runtime.providers.get(baseline.provider) : undefined;
      if (baseline && baselineProvider) {
        const saved = savingsUsd(services.book, { deployment: baseline, provider: baselineProvider }, record.usage, record.costUsd);
        if (saved !== null) record.savedUsd = saved;
      }
    }
    if ('finishReason' in end && end.finishReason) record.finishReason = end.finishReason;
    if ('ttftMs' in end && end.ttftMs !== undefined) record.ttftMs = end.ttftMs;
    if (end.outcome === 'error') {
      record.errorKind = end.error.kind;
      record.errorMessage = end.error.message;
    }
    return record;
  };

  const { signal, release, abort } = requestSignal(opts.signal, runtime.timeouts.overallMs);
  let route: ReturnType<Router> | undefined;
  let hit: Extract<CacheLookup, { kind: 'hit' }> | undefined;
  let lookup: CacheLookup = { kind: 'bypass' };
  let settled = false;
  let content = '';
  let reasoning = '';
  // Event boundaries, so a cache hit replays the same events.
  let textChunks: number[] = [];
  let reasoningChunks: number[] = [];
  const toolCalls = new ToolCallEvents();
  try {
    yield* notices;

    // 3. Cache: a hit replays as a stream and costs nothing.
    lookup = await services.cache.lookup(runtime, request, target, signal);
    if (lookup.kind === 'hit') {
      hit = lookup;
      yield { type: 'attempt', notice: { kind: 'cache-hit', semantic: lookup.status === 'semantic-hit', ...(lookup.similarity !== undefined ? { similarity: lookup.similarity } : {}), ...(lookup.matchedPrompt !== undefined ? { matchedPrompt: lookup.matchedPrompt } : {}) } };
      yield* replayAsStream(lookup.entry);
      const record = hitRecord(lookup);
      if (reservation) guard?.settle(reservation, 0);
      settled = true;
      await services.publish(record);
      yield { type: 'done', record, content: lookup.entry.content };
      return;
    }

    // 4–6. Route: pick, call, retry, fail over.
    route = services.router({ runtime, target, request, stream, signal, options: opts });
    let step = await route.next();
    while (!step.done) {
      const ev = step.value;
      if (ev.type === 'notice') {
        // A labelled restart replaces the partial answer (the caller opted in).
        if (ev.notice.kind === 'restart') {
          content = reasoning = '';
          textChunks = [];
          reasoningChunks = [];
        }
        yield { type: 'attempt', notice: ev.notice };
      } else if (ev.part.type === 'text-delta') {
        content += ev.part.text;
        if (ev.part.text.length > 0) textChunks.push(ev.part.text.length);
        yield { type: 'text', text: ev.part.text };
      } else if (ev.part.type === 'reasoning-delta') {
        reasoning += ev.part.text;
        if (ev.part.text.length > 0) reasoningChunks.push(ev.part.text.length);
        yield { type: 'reasoning', text: ev.part.text };
      } else yield* toolCalls.map(ev.part);
      step = await route.next();
    }
    const result = step.value;
    settled = true;

    // 7. Usage → cost, for every outcome (partial answers are billed too).
    const record = routedRecord(result, lookup, content, reasoning);
    const end = result.end;

    // 8. Record → ledger and listeners; settle the budget; store complete answers.
    if (reservation) guard?.settle(reservation, record.attempts.length === 0 ? 0 : record.costUsd);
    reservation = undefined;
    await services.publish(record);
    if (lookup.kind === 'miss') services.cache.store(lookup, record, content, reasoning, { text: textChunks, reasoning: reasoningChunks });
    if (end.outcome === 'ok' || record.status === 'incomplete') yield { type: 'done', record, content };
    else yield { type: 'error', error: redactError(end.error), record, content };
  } catch (err) {
    // The router, the cache or this function threw: an internal failure, not a cancel.
    if (settled) throw redactError(internalError(err));
    settled = true;
    const error = redactError(internalError(err));
    const record = await windDown(error);
    yield { type: 'error', error, record, content };
  } finally {
    // The consumer stopped iterating: that is a cancel.
    if (!settled) await windDown(cancelledError(), 'The caller stopped reading the stream.');
    release();
    // Unknown: keep the worst case counted against the budget.
    if (reservation) guard?.settle(reservation, null);
  }

  /**
   * Ends a request that did not finish normally: aborts upstream (the socket
   * closes), lets the router wind down, and records what was received, priced.
   */
  async function windDown(error: SwitchboardError, message = error.message): Promise<CallRecord> {
    abort(error);
    let record: CallRecord;
    if (hit) {
      // The answer was already complete in the cache: the record stays a hit.
      record = hitRecord(hit);
      if (reservation) guard?.settle(reservation, 0);
    } else {
      const result = route ? await drain(route) : undefined;
      record = result ? routedRecord(result, lookup, content, reasoning) : { ...base(), cache: lookup.kind === 'miss' ? 'miss' : 'bypass' };
      if (target.kind === 'alias') record.alias = target.name;
      record.status = error.kind === 'cancelled' ? 'cancelled' : 'error';
      record.errorKind = error.kind;
      record.errorMessage = message;
      // Nothing sent costs nothing; a router that did not wind down leaves the worst case counted.
      if (reservation) guard?.settle(reservation, !route || (result && record.attempts.length === 0) ? 0 : result ? record.costUsd : null);
    }
    reservation = undefined;
    await services.publish(record);
    return record;
  }

  function hitRecord(h: Extract<CacheLookup, { kind: 'hit' }>): CallRecord {
    const record: CallRecord = { ...base(), ...cacheHitRecordFields(h.entry, h.status), endedAt: runtime.now() };
    if (target.kind === 'alias') record.alias = target.name;
    return record;
  }
}

/** A throw from inside the core, as the error the caller gets: its own kind if it has one. */
function internalError(err: unknown): SwitchboardError {
  if (SwitchboardError.isInstance(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new SwitchboardError({ kind: 'invalid_response', retryable: false, message: `Switchboard failed internally: ${message}`, cause: err });
}

/** Upper bound on winding a router down after the request signal was aborted. */
const DRAIN_LIMIT_MS = 2000;

/** Runs an aborted route to its result, discarding output; undefined if it does not end promptly. */
async function drain(route: ReturnType<Router>): Promise<RouteResult | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), DRAIN_LIMIT_MS);
    timer.unref?.();
  });
  try {
    const done = (async (): Promise<RouteResult> => {
      let step = await route.next();
      while (!step.done) step = await route.next();
      return step.value;
    })();
    done.catch(() => undefined);
    const result = await Promise.race([done, late]);
    if (result === undefined) await route.return(undefined as never).catch(() => undefined);
    return result;
  } catch {
    await route.return(undefined as never).catch(() => undefined);
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
