import { cacheHitRecordFields } from '../../cache/cache-record';
import { DeploymentConfig, ProviderConfig } from '../../config/switchboard-config';
import { CacheStatus, CallRecord, RecordStatus } from '../../model/call-record';
import { MaybePromise } from '../../model/maybe-promise';
import { CallOptions, ChatRequest } from '../../model/chat-request';
import { SwitchboardError } from '../../model/switchboard-error';
import { Usage, ZERO_USAGE } from '../../model/usage';
import { PriceBook } from '../../pricing/price-book';
import { savingsUsd } from '../../pricing/savings';
import { ResolvedTarget } from '../../router/resolve-target';
import { RouteResult } from '../../router/router';
import { finalizeUsage, reportedUsage } from '../../usage/finalize-usage';
import { redactError } from '../redact-error';
import { Runtime } from '../runtime';
import type { CacheHit } from '../stages/cache-stage';
import type { Outcome } from './stage';

export function targetName(t: ResolvedTarget): string {
  return t.kind === 'alias' ? t.name : t.deployment.id;
}

function statusOf(result: RouteResult): RecordStatus {
  const end = result.end;
  if (end.outcome === 'ok') return 'ok';
  if (end.error.kind === 'cancelled') return 'cancelled';
  return end.receivedOutput ? 'incomplete' : 'error';
}

type BaseFields = Pick<CallRecord, 'id' | 'requested' | 'startedAt' | 'endedAt' | 'workspace' | 'origin'>;

export interface RecordBuilderInit {
  runtime: Runtime;
  book: PriceBook;
  id: string;
  workspace: string;
  raw: unknown;
  options: CallOptions;
  startedAt: number;
  /** The host's secrets (stored keys, secret header values), scrubbed from error text. */
  knownSecrets?: () => readonly string[];
}

/**
 * The one record of a request. Stages tell it what they learned (the target,
 * a budget downgrade, the cache status); the stage that ends the request
 * finishes it exactly once, priced, as the request's outcome.
 */
export class RecordBuilder {
  private target?: ResolvedTarget;
  private downgradedFrom?: ResolvedTarget;
  private cacheStatus: CacheStatus = 'bypass';
  private outcome?: Outcome;
  /** Set once a router started: something may have been sent (and billed). */
  routed = false;

  constructor(private readonly init: RecordBuilderInit) {}

  /** Only read when there is an error to scrub. */
  private secrets(): readonly string[] {
    return this.init.knownSecrets?.() ?? [];
  }

  /** The outcome, once a stage finished the record. */
  get finished(): Outcome | undefined {
    return this.outcome;
  }

  resolved(target: ResolvedTarget): void {
    this.target = target;
  }

  downgraded(from: ResolvedTarget, to: ResolvedTarget): void {
    this.downgradedFrom = from;
    this.target = to;
  }

  cache(status: CacheStatus): void {
    this.cacheStatus = status;
  }

  /** Ended before anything was sent (invalid, over budget, too large): recorded with no cost. */
  refuse(refusal: SwitchboardError): Outcome {
    const error = redactError(refusal, this.secrets());
    const record = this.base();
    record.errorKind = error.kind;
    record.errorMessage = error.message;
    return this.finish({ type: 'error', error, record, content: '' });
  }

  /** Answered from the cache: costs nothing, saves what the original cost. */
  hit(h: CacheHit): Outcome {
    const record: CallRecord = Object.assign(this.base(), cacheHitRecordFields(h.entry, h.status), { endedAt: this.init.runtime.now() });
    this.withAlias(record);
    return this.finish({ type: 'done', record, content: h.entry.content });
  }

  /**
   * A routed request, priced, for any outcome (partial answers are billed too): at once when the
   * provider reported the usage (the usual case), after counting it locally otherwise.
   */
  routedTo(result: RouteResult, request: ChatRequest, content: string, reasoning: string): MaybePromise<Outcome> {
    const { runtime } = this.init;
    // Ended now: counting the usage below is bookkeeping, not the request.
    const fields = this.baseFields();
    const end = result.end.outcome === 'error' ? { ...result.end, error: redactError(result.end.error, this.secrets()) } : result.end;
    const d = result.deployment;
    const provider = d ? runtime.providers.get(d.provider) : undefined;
    const answered = d && provider ? { d, provider } : undefined;
    if (!answered || result.attempts.length === 0) return this.priced(fields, result, end, answered, { ...ZERO_USAGE }, content);
    const reported = 'usage' in end ? end.usage : undefined;
    const complete = end.outcome === 'ok';
    const usage = reportedUsage(reported, content + reasoning, complete);
    if (usage) return this.priced(fields, result, end, answered, usage, content);
    // Counting locally needs the tokenizer worker; a complete report from the provider does not.
    return finalizeUsage(reported, request, content + reasoning, complete).then((counted) => this.priced(fields, result, end, answered, counted, content));
  }

  private priced(
    fields: ReturnType<RecordBuilder['baseFields']>,
    result: RouteResult,
    end: RouteResult['end'],
    answered: { d: DeploymentConfig; provider: ProviderConfig } | undefined,
    usage: Usage,
    content: string,
  ): Outcome {
    const { runtime, book } = this.init;
    const quote = answered ? book.priceFor(answered.d, answered.provider, usage) : undefined;
    const record = this.newRecord(fields, { attempts: result.attempts, usage, costUsd: quote ? quote.costUsd : 0, priceSource: quote ? quote.source : 'free', cache: this.cacheStatus, status: statusOf(result) });
    if (answered) {
      record.deploymentId = answered.d.id;
      record.provider = answered.d.provider;
      record.model = answered.d.model;
    }
    if (result.skipped) record.skipped = result.skipped;
    this.withAlias(record);
    if (this.target?.route) record.route = this.target.route;
    if (this.downgradedFrom && this.target) record.route = { tier: targetName(this.target), reason: `budget downgrade from "${targetName(this.downgradedFrom)}"` };
    const from = this.downgradedFrom;
    const baseline = from?.kind === 'alias' ? from.deployments[0] : from?.kind === 'deployment' ? from.deployment : undefined;
    const baselineProvider = answered && baseline ? runtime.providers.get(baseline.provider) : undefined;
    if (baseline && baselineProvider) {
      const saved = savingsUsd(book, { deployment: baseline, provider: baselineProvider }, record.usage, record.costUsd);
      if (saved !== null) record.savedUsd = saved;
    }
    if ('finishReason' in end && end.finishReason) record.finishReason = end.finishReason;
    if ('ttftMs' in end && end.ttftMs !== undefined) record.ttftMs = end.ttftMs;
    if (end.outcome === 'error') {
      record.errorKind = end.error.kind;
      record.errorMessage = end.error.message;
    }
    if (end.outcome === 'ok' || record.status === 'incomplete') return this.finish({ type: 'done', record, content });
    return this.finish({ type: 'error', error: end.error, record, content });
  }

  /** Ended by a failure no stage could account for (an internal error, a router that did not wind down). */
  failed(failure: SwitchboardError, content = ''): Outcome {
    const error = redactError(failure, this.secrets());
    const record = this.base();
    record.cache = this.cacheStatus;
    record.status = error.kind === 'cancelled' ? 'cancelled' : 'error';
    record.errorKind = error.kind;
    record.errorMessage = error.message;
    this.withAlias(record);
    return this.finish({ type: 'error', error, record, content });
  }

  private withAlias(record: CallRecord): void {
    if (this.target?.kind === 'alias') record.alias = this.target.name;
  }

  private finish(outcome: Outcome): Outcome {
    if (this.outcome) throw new Error(`Record ${this.init.id} was finished twice.`);
    this.outcome = outcome;
    return outcome;
  }

  /** The record of a request that sent nothing (yet): no attempts, no cost. */
  private base(): CallRecord {
    return this.newRecord(this.baseFields(), { attempts: [], usage: { ...ZERO_USAGE }, costUsd: 0, priceSource: 'free', cache: 'bypass', status: 'error' });
  }

  /** What every record has, whatever happened: who asked, when, where. */
  private baseFields(): BaseFields {
    const { raw, runtime, options } = this.init;
    const requested = typeof (raw as { model?: unknown } | null)?.model === 'string' ? (raw as { model: string }).model : '';
    const fields: BaseFields = { id: this.init.id, requested, startedAt: this.init.startedAt, endedAt: runtime.now(), workspace: this.init.workspace };
    if (options.origin !== undefined) fields.origin = options.origin;
    return fields;
  }

  /**
   * A record from its parts, every field written out. Not `{ ...fields, ... }`:
   * on Node 20's V8 a literal that spreads an object and then adds properties
   * (or an object spread-copied and then extended) builds a new hidden class
   * each time, ~5 µs and ~5 KB of garbage per record instead of ~30 ns.
   */
  private newRecord(fields: BaseFields, rest: Pick<CallRecord, 'attempts' | 'usage' | 'costUsd' | 'priceSource' | 'cache' | 'status'>): CallRecord {
    const record: CallRecord = {
      id: fields.id,
      requested: fields.requested,
      attempts: rest.attempts,
      usage: rest.usage,
      costUsd: rest.costUsd,
      priceSource: rest.priceSource,
      cache: rest.cache,
      status: rest.status,
      startedAt: fields.startedAt,
      endedAt: fields.endedAt,
      workspace: fields.workspace,
    };
    if (fields.origin !== undefined) record.origin = fields.origin;
    return record;
  }
}
