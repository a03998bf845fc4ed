import { BudgetGuard, BudgetWarning, Reservation, ReserveResult } from '../../budget/budget-guard';
import { MaybePromise, isPromiseLike } from '../../model/maybe-promise';
import { DEFAULT_GUARDS } from '../../config/defaults';
import { DeploymentConfig } from '../../config/switchboard-config';
import { ChatRequest } from '../../model/chat-request';
import { extend } from '../../model/extend';
import { SwitchboardError } from '../../model/switchboard-error';
import { PriceBook } from '../../pricing/price-book';
import { ResolvedTarget, resolveTarget } from '../../router/resolve-target';
import { requestTokensUpperBound } from '../../usage/estimate-tokens';
import { estimateRequestExtras } from '../../router/estimate-request-extras';
import { internalError } from '../pipeline/internal-error';
import { targetName } from '../pipeline/record-builder';
import { madeNow, observe, prefixed, whenReady } from '../pipeline/runs';
import { RequestStage, StageRun, ended } from '../pipeline/stage';
import { StreamEvent } from '../../model/stream-event';
import { Runtime } from '../runtime';

/** Output assumed for the worst case when neither the request nor the deployment caps it. */
export const DEFAULT_WORST_CASE_OUTPUT_TOKENS: number = DEFAULT_GUARDS.defaultMaxTokens;

export type Admission =
  | { ok: true; target: ResolvedTarget; reservation?: Reservation; warnings: BudgetWarning[]; downgradedFrom?: { target: ResolvedTarget; budget: string } }
  | { ok: false; error: SwitchboardError };

function candidates(target: ResolvedTarget): DeploymentConfig[] {
  return target.kind === 'alias' ? target.deployments : [target.deployment];
}

/** The output a request without `max_tokens` is reserved (and then sent) with on one deployment. */
function outputCap(d: DeploymentConfig, fallback = DEFAULT_WORST_CASE_OUTPUT_TOKENS): number {
  return d.maxOutputTokens ?? fallback;
}

/**
 * The `max_tokens` a budgeted request without one is sent with, so the reserved
 * worst case is a real bound: the smallest cap over the candidates (each one's
 * reservation covers at least that much output).
 */
export function reservedMaxTokens(target: ResolvedTarget, fallback = DEFAULT_WORST_CASE_OUTPUT_TOKENS): number {
  return Math.min(...candidates(target).map((d) => outputCap(d, fallback)));
}

/**
 * The most this request could cost on any of its candidate deployments:
 * a bound on the input (no tokenizer: every request pays this) + max output at each one's prices. Null when any price is
 * unknown (no budget can bound it).
 */
export function worstCaseUsd(runtime: Runtime, book: PriceBook, request: ChatRequest, target: ResolvedTarget): number | null {
  const input = requestTokensUpperBound(request.messages) + estimateRequestExtras(request).tokens;
  let worst = 0;
  for (const d of candidates(target)) {
    const provider = runtime.providers.get(d.provider);
    if (!provider) return null;
    const cost = book.worstCaseCostUsd(d, provider, input, request.max_tokens ?? outputCap(d));
    if (cost === null) return null;
    worst = Math.max(worst, cost);
  }
  return worst;
}

/**
 * Step 2 of a request: reserve the worst case against every budget before
 * sending (R13), following a `downgrade` budget to its alias once. At hand
 * when the guard's spend is loaded and no downgrade is needed.
 */
export function admit(guard: BudgetGuard, runtime: Runtime, book: PriceBook, request: ChatRequest, target: ResolvedTarget, workspace: string): MaybePromise<Admission> {
  const first = guard.reserve({ workspace, alias: targetName(target), worstCaseUsd: worstCaseUsd(runtime, book, request, target) });
  const afterFirst = (result: ReserveResult): MaybePromise<Admission> => {
    if (!result.ok) return result;
    if ('reservation' in result) return { ok: true, target, reservation: result.reservation, warnings: result.warnings };
    return downgrade(guard, runtime, book, request, target, workspace, result);
  };
  return isPromiseLike(first) ? first.then(afterFirst) : afterFirst(first);
}

/** The second reservation, on the alias a `downgrade` budget names. */
async function downgrade(
  guard: BudgetGuard,
  runtime: Runtime,
  book: PriceBook,
  request: ChatRequest,
  target: ResolvedTarget,
  workspace: string,
  first: Extract<ReserveResult, { downgradeTo: string }>,
): Promise<Admission> {
  const downgraded = resolveTarget(first.downgradeTo, runtime, request);
  const second = await guard.reserve({ workspace, alias: targetName(downgraded), worstCaseUsd: worstCaseUsd(runtime, book, request, downgraded) });
  if (!second.ok) return second;
  if (!('reservation' in second)) {
    return { ok: false, error: new SwitchboardError({ kind: 'budget_exceeded', retryable: false, message: `Budget "${first.budget}" downgrades to "${first.downgradeTo}", which is itself over budget "${second.budget}".` }) };
  }
  return { ok: true, target: downgraded, reservation: second.reservation, warnings: [...first.warnings, ...second.warnings], downgradedFrom: { target, budget: first.budget } };
}

/**
 * The budget stage (R13): reserves the worst case before anything is sent
 * (or refuses, or downgrades), and settles the reservation exactly once in its
 * own `finally` with what the request really cost.
 */
export function budgetStage(deps: { guard(runtime: Runtime): BudgetGuard | undefined; book: PriceBook; workspace: string }): RequestStage {
  // Not a generator: the reservation is made when the run starts (at once once the spend is loaded,
  // else a deferred start), the settling a hook on the inner run.
  return (ctx, next) => {
    const guard = deps.guard(ctx.runtime);
    if (!guard) return next(ctx);
    // The spend could not be read (or the downgrade target failed to resolve): refuse, recorded.
    const failed = (err: unknown): StageRun => ended(ctx.record.refuse(internalError(err)));
    const admitted = (admission: Admission): StageRun => {
      if (!admission.ok) return ended(ctx.record.refuse(admission.error));
      const reservation: Reservation | undefined = admission.reservation;
      const notices: StreamEvent[] = admission.warnings.map((w) => ({ type: 'attempt', notice: { kind: 'budget', message: w.message } }));
      let { request, target } = ctx;
      if (admission.downgradedFrom) {
        target = admission.target;
        ctx.record.downgraded(ctx.target, target);
        notices.push({ type: 'attempt', notice: { kind: 'budget', message: `Budget "${admission.downgradedFrom.budget}" reached: using "${targetName(target)}" instead of "${targetName(ctx.target)}".` } });
      }
      // The reservation assumed a capped output; send that cap so the bound is real.
      if (request.max_tokens === undefined) request = extend(request, { max_tokens: reservedMaxTokens(target) });
      const inner = { ...ctx, request, target };
      // Without notices the inner run is made now, so the observing stages inside join this one (see `observe`).
      return observe(
        notices.length > 0 ? prefixed(notices, () => next(inner)) : madeNow(() => next(inner)),
        {
          last(outcome) {
            // Nothing sent costs nothing; an unknown end keeps the worst case counted.
            if (reservation) guard.settle(reservation, outcome ? (outcome.record.attempts.length === 0 ? 0 : outcome.record.costUsd) : ctx.record.routed ? null : 0);
          },
        },
      );
    };
    return whenReady(() => admit(guard, ctx.runtime, deps.book, ctx.request, ctx.target, deps.workspace), admitted, failed);
  };
}
