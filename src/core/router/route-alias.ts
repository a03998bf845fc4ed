import { DEFAULT_ALIAS_WAIT } from '../config/defaults';
import { DeploymentConfig } from '../config/switchboard-config';
import { AttemptKind } from '../model/call-record';
import { SwitchboardError } from '../model/switchboard-error';
import { MaybePromise, isPromiseLike } from '../model/maybe-promise';
import { backoffDelay, hintJitter } from './backoff';
import { ErrorAction, errorAction } from './error-policy';
import { CapabilityName } from '../model/capabilities';
import { capabilityGap, skipReason, unsupportedError } from './capability-filter';
import { fitsContextWindow } from './estimate-request';
import { Blocked, noDeploymentAvailable } from './no-deployment-error';
import { AliasTarget, RequestRun, noteFailure } from './request-run';
import { RouteEvent, RouteResult, RouterItem } from './router';
import { trackedAttempt } from './router-attempt';
import { AttemptEnd } from './run-attempt';
import { strategyPicker } from './strategies/pick-strategy';

/** How trying one alias ended: the request is over, or the alias gave up with an error. */
export type AliasOutcome = { type: 'done'; result: RouteResult } | { type: 'failed'; error: SwitchboardError; action: ErrorAction };

function stopped(run: RequestRun, reason: unknown): AliasOutcome {
  const error = SwitchboardError.isInstance(reason) ? reason : new SwitchboardError({ kind: 'cancelled', message: 'The request was cancelled.' });
  return { type: 'done', result: { attempts: run.attempts, end: { outcome: 'error', error, receivedOutput: false, latencyMs: 0 } } };
}

function contextOverflow(target: string, promptTokens: number): SwitchboardError {
  return new SwitchboardError({
    kind: 'context_overflow',
    retryable: false,
    message: `The prompt (about ${promptTokens} tokens) is larger than the context window of every deployment of "${target}". Shorten it, or add a deployment with a larger "contextWindow" to "contextWindowFallbacks".`,
  });
}

function keyRejected(provider: string): SwitchboardError {
  return new SwitchboardError({
    kind: 'auth',
    retryable: false,
    message: `The API key of provider "${provider}" was rejected (401) earlier; it stays unused until the key or the provider's settings change. Run "Switchboard: Set API Key".`,
  });
}

function allPaused(alias: string, paused: readonly string[]): SwitchboardError {
  return new SwitchboardError({
    kind: 'no_deployment_available',
    retryable: false,
    message: `Every usable deployment of "${alias}" is paused (${paused.join(', ')}). Resume one in the Switchboard Health view.`,
  });
}

/**
 * True while the key that got a 401 is still the provider's key. At hand when
 * no key was rejected (every request's case, once per candidate): no promise turn.
 */
function keyStillRejected(run: RequestRun, provider: string): MaybePromise<boolean> {
  const rejected = run.deps.state.rejectedKey(provider);
  if (!rejected) return false;
  return Promise.resolve(run.ctx.runtime.keyFingerprint(provider)).then((current) => {
    if (current === rejected.keyFingerprint) return true;
    run.deps.state.clearRejectedKey(provider);
    return false;
  });
}

/**
 * Tries the deployments of one alias: strategy over healthy ones, moving to
 * another deployment rather than sleeping, retrying the same one (backoff,
 * Retry-After) only for transient errors, waiting for cooldowns only when allowed.
 */
export async function* routeAlias(run: RequestRun, target: AliasTarget): AsyncGenerator<RouterItem, AliasOutcome, AttemptEnd | undefined> {
  const { ctx, deps } = run;
  const { runtime } = ctx;
  const { state } = deps;
  const pick = strategyPicker(target.alias.strategy);
  const whenAllCooling = target.alias.whenAllCooling ?? DEFAULT_ALIAS_WAIT.whenAllCooling;
  const maxWaitMs = target.alias.maxWaitMs ?? DEFAULT_ALIAS_WAIT.maxWaitMs;
  // Made on the first failure, as the lists below on the first entry: most requests end on their first attempt.
  let retriesUsed: Map<string, number> | undefined;
  let readyAt: Map<string, number> | undefined;
  let done: Set<string> | undefined;
  /** Deployments that already failed in this alias: another healthy one goes first. */
  let failedHere: Set<string> | undefined;
  let minWindow: number | undefined;
  let lastError: SwitchboardError | undefined;
  let lastAction: ErrorAction = 'retry';
  let waited = 0;
  /** What each deployment of this alias lacks for the request (capability filter). */
  let missing: CapabilityName[] | undefined;
  const costOf = (d: DeploymentConfig, e: { inputTokens: number; outputTokens: number }): number | null => runtime.estimateCostUsd(d, e.inputTokens, e.outputTokens);

  for (;;) {
    if (ctx.stop.reason) return stopped(run, ctx.stop.reason);
    const now = runtime.now();
    const ready: DeploymentConfig[] = [];
    let later: { d: DeploymentConfig; at: number }[] | undefined;
    let blocked: Blocked[] | undefined;
    let tooSmall = 0;
    let rejectedProvider: string | undefined;
    let paused: string[] | undefined;
    for (const d of target.deployments) {
      if (done?.has(d.id) || run.exhausted.has(d.id) || run.excludedProviders.has(d.provider)) continue;
      if (state.isPaused(d.id)) {
        (paused ??= []).push(d.id);
        continue;
      }
      const gap = capabilityGap(runtime, d, ctx.request);
      if (gap.length > 0) {
        (missing ??= []).push(...gap);
        if (!run.skipped.some((s) => s.deploymentId === d.id)) run.skipped.push({ deploymentId: d.id, reason: skipReason(gap) });
        continue;
      }
      const window = runtime.contextWindowFor(d);
      if (minWindow !== undefined && !(window !== undefined && window > minWindow)) continue;
      if (!fitsContextWindow(window, ctx.request, run.promptTokens)) {
        tooSmall += 1;
        continue;
      }
      const stillRejected = keyStillRejected(run, d.provider);
      if (isPromiseLike(stillRejected) ? await stillRejected : stillRejected) {
        rejectedProvider = d.provider;
        continue;
      }
      const st = state.of(d.id);
      const cooling = st.cooldown.active(now);
      const retryAt = readyAt?.get(d.id);
      if (cooling) {
        if (retryAt !== undefined) (later ??= []).push({ d, at: Math.max(retryAt, cooling.until) });
        else (blocked ??= []).push({ deploymentId: d.id, waitMs: cooling.until - now, reason: cooling.reason });
        continue;
      }
      const limit = st.limits.check(d, run.estimatedTokens, now);
      if (limit.waitMs > 0) {
        (blocked ??= []).push({ deploymentId: d.id, waitMs: limit.waitMs, reason: limit.limit ?? 'rpm' });
        continue;
      }
      if (retryAt !== undefined && retryAt > now) (later ??= []).push({ d, at: retryAt });
      else ready.push(d);
    }

    if (ready.length === 0) {
      const next = later?.sort((a, b) => a.at - b.at)[0];
      let waitMs: number | undefined;
      let notice: RouteEvent | undefined;
      if (next) {
        waitMs = next.at - now;
        notice = { type: 'notice', notice: { kind: 'retry', deploymentId: next.d.id, delayMs: waitMs, reason: lastError?.kind ?? 'server' } };
      } else if (blocked !== undefined) {
        const error = noDeploymentAvailable(target.name, blocked, now);
        const shortest = error.retryAfterMs ?? 0;
        const wait = shortest + hintJitter(shortest, runtime.random);
        if (whenAllCooling !== 'wait' || waited + wait > maxWaitMs) {
          noteFailure(run, lastError ?? error);
          return { type: 'failed', error: lastError ?? error, action: lastError ? lastAction : 'retry' };
        }
        waitMs = wait;
        waited += wait;
        notice = { type: 'notice', notice: { kind: 'waiting', delayMs: wait, reason: 'all_cooling' } };
      }
      if (waitMs === undefined || notice === undefined) {
        const error =
          lastError ??
          (rejectedProvider !== undefined ? keyRejected(rejectedProvider) : tooSmall > 0 ? contextOverflow(target.name, run.promptTokens) : missing !== undefined ? unsupportedError(target.name, missing) : undefined);
        if (!error) return { type: 'failed', error: paused !== undefined ? allPaused(target.name, paused) : noDeploymentAvailable(target.name, [], now), action: 'retry' };
        noteFailure(run, error);
        return { type: 'failed', error, action: lastError ? lastAction : errorAction(error) };
      }
      yield notice;
      try {
        await deps.sleep(waitMs, ctx.signal);
      } catch (reason) {
        return stopped(run, reason);
      }
      continue;
    }

    const failed = failedHere;
    const fresh = failed ? ready.filter((d) => !failed.has(d.id)) : ready;
    const deployment = pick({ candidates: fresh.length > 0 ? fresh : ready, state, rotation: target.name, now, random: runtime.random, estimate: run.estimate, costOf });
    const kind: AttemptKind = run.restartFrom !== undefined ? 'restart' : run.attempts.length === 0 ? 'first' : run.tried.has(deployment.id) ? 'retry' : 'fallback';
    if (run.previous && kind !== 'retry') {
      const from = run.previous.deploymentId;
      const reason = run.previous.reason.kind;
      yield { type: 'notice', notice: kind === 'restart' ? { kind: 'restart', from, to: deployment.id, reason } : { kind: 'fallback', from, to: deployment.id, reason } };
    }
    run.restartFrom = undefined;
    run.tried.add(deployment.id);
    readyAt?.delete(deployment.id);
    // Handed to the consumer to read directly, which passes its end back (see AttemptHandoff).
    const end = yield { type: 'attempt', run: trackedAttempt(ctx, state, deployment, kind, run.estimatedTokens, run.attempts) };
    if (end === undefined) throw new Error('The router\'s consumer must pass back the end of the attempt it was handed (see AttemptHandoff).');
    if (end.outcome === 'ok') return { type: 'done', result: { attempts: run.attempts, deployment, end } };

    const error = end.error;
    const action = errorAction(error);
    if (action === 'stop' && error.kind !== 'bad_request') {
      return { type: 'done', result: { attempts: run.attempts, ...(end.receivedOutput ? { deployment } : {}), end } };
    }
    if (end.receivedOutput) {
      // Never fail over once text reached the caller, unless the caller opted in (then labelled).
      if (!ctx.options.restartAfterFirstToken) return { type: 'done', result: { attempts: run.attempts, deployment, end } };
      run.restartFrom = deployment.id;
      run.exhausted.add(deployment.id);
    }
    noteFailure(run, error);
    (failedHere ??= new Set()).add(deployment.id);
    run.previous = { deploymentId: deployment.id, reason: error };
    lastError = error;
    lastAction = action;
    const failedAt = runtime.now();
    const cooling = state.of(deployment.id).cooldown.recordFailure(error, failedAt, runtime.cooldown);
    if (cooling?.cappedFromMs !== undefined) {
      runtime.log?.warn(
        `"${deployment.id}" asked to wait ${(cooling.cappedFromMs / 1000).toFixed(0)} s (Retry-After); capped to ${((cooling.until - failedAt) / 1000).toFixed(0)} s (cooldown.maxCooldownMs).`,
      );
    }

    switch (action) {
      case 'stop':
        return { type: 'failed', error, action };
      case 'retry': {
        const used = retriesUsed?.get(deployment.id) ?? 0;
        const hint = cooling ? cooling.until - failedAt : error.retryAfterMs;
        if (used >= runtime.retry.maxRetries || (hint !== undefined && hint > runtime.retry.maxRetryAfterMs)) run.exhausted.add(deployment.id);
        else {
          (retriesUsed ??= new Map()).set(deployment.id, used + 1);
          (readyAt ??= new Map()).set(deployment.id, failedAt + backoffDelay(used + 1, runtime.retry, runtime.random, hint));
        }
        break;
      }
      case 'other-account':
        run.excludedProviders.add(deployment.provider);
        if (error.kind === 'auth' && error.status === 401) {
          state.rejectKey(deployment.provider, { keyFingerprint: await runtime.keyFingerprint(deployment.provider), configJson: JSON.stringify(runtime.providers.get(deployment.provider) ?? {}), at: failedAt });
        }
        if (error.kind === 'quota_exhausted') {
          for (const d of runtime.deployments.values()) {
            if (d.provider === deployment.provider) state.of(d.id).cooldown.coolFor(runtime.cooldown.cooldownMs, 'quota_exhausted', 'policy', failedAt);
          }
        }
        break;
      case 'other-deployment':
        run.exhausted.add(deployment.id);
        break;
      case 'larger-window': {
        (done ??= new Set()).add(deployment.id);
        const window = runtime.contextWindowFor(deployment);
        if (window === undefined) return { type: 'failed', error, action };
        minWindow = Math.max(minWindow ?? 0, window);
        break;
      }
      case 'content-policy':
        return { type: 'failed', error, action };
    }
  }
}
