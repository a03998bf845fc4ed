import { CallOptions, ChatRequest } from '../../model/chat-request';
import { StreamEvent } from '../../model/stream-event';
import { SwitchboardError } from '../../model/switchboard-error';
import { ResolvedTarget } from '../../router/resolve-target';
import { RequestStop } from '../deadline';
import { Runtime } from '../runtime';
import { RecordBuilder } from './record-builder';
import { endedRun } from './runs';

/** How every request ends: the terminal event, carrying the one finished record. */
export type Outcome = Extract<StreamEvent, { type: 'done' | 'error' }>;

/** What a stage (or the rest of the pipeline) produces: events as they happen, then the outcome. */
export type StageRun = AsyncGenerator<StreamEvent, Outcome, undefined>;

/** What every request has, valid or not: the raw input, the request's signal and its record builder. */
export interface RequestScope {
  readonly runtime: Runtime;
  /** The request as the caller sent it (not yet validated). */
  readonly raw: unknown;
  readonly options: CallOptions;
  readonly stream: boolean;
  /** Caller cancel, the overall deadline, and any stage that stops the request (for `fetch` and the SDKs). */
  readonly signal: AbortSignal;
  /** The same stop, for the request's own code to read and watch (see RequestStop). */
  readonly stop: RequestStop;
  /** Stops the request (the upstream socket closes); the first reason wins. */
  abort(reason: SwitchboardError): void;
  /** The one record of this request; finished exactly once by whichever stage ends it. */
  readonly record: RecordBuilder;
}

/** A validated request on its way in. Stages pass a changed copy to `next` (redacted, capped, downgraded). */
export interface RequestContext extends RequestScope {
  readonly request: ChatRequest;
  readonly target: ResolvedTarget;
}

/**
 * One concern of the pipeline (architecture.md, "The pipeline"). A stage calls
 * `next` at most once, passes on (or transforms) the events it yields, and
 * returns the outcome; it owns its cleanup in its own `finally`.
 */
export type Stage<C> = (ctx: C, next: (ctx: C) => StageRun) => StageRun;

/** Stages that see every request, including ones refused by validation (telemetry, ledger, observers). */
export type ScopeStage = Stage<RequestScope>;
/** Stages that see validated requests (guards, redaction, budget, cache, limits). */
export type RequestStage = Stage<RequestContext>;

/**
 * A run that ends at once with `outcome` and no events: what a stage returns
 * when it refuses. A stage that only checks or rewrites the request can then
 * be a plain function returning `next(ctx)` instead of a generator wrapping
 * it, which spares every event of every request one async layer.
 */
export function ended(outcome: Outcome): StageRun {
  return endedRun(outcome);
}

/** `stages` around `last`, the first one outermost. */
export function composeStages<C>(stages: readonly Stage<C>[], last: (ctx: C) => StageRun): (ctx: C) => StageRun {
  return stages.reduceRight<(ctx: C) => StageRun>((inner, stage) => (ctx) => stage(ctx, inner), last);
}
