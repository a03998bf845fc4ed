import { DeploymentConfig, TimeoutPolicy } from '../config/switchboard-config';
import { CanonicalCall } from '../model/canonical-call';
import { FinishReason } from '../model/finish-reason';
import { ProviderPart } from '../model/provider-part';
import { SwitchboardError, cancelledError } from '../model/switchboard-error';
import { Usage } from '../model/usage';
import { Clock } from '../ports';
import { ProviderAdapter } from '../providers/provider-adapter';
import { RouteEvent } from './router';
import { RequestStop } from '../orchestrator/deadline';

/** Parts an attempt passes on to the caller as they arrive (no buffering). */
export type OutputPart = Extract<ProviderPart, { type: 'text-delta' | 'reasoning-delta' | 'thinking-block' | 'tool-call-start' | 'tool-call-delta' | 'tool-call' }>;

export interface AttemptInput {
  deployment: DeploymentConfig;
  adapter: ProviderAdapter;
  canonical: CanonicalCall;
  stream: boolean;
  timeouts: TimeoutPolicy;
  /** The request's signal: caller cancel and the overall deadline (its reason says which). */
  signal: AbortSignal;
  /** The same stop, watched by the attempt without a listener on the signal (see RequestStop). */
  stop: RequestStop;
  now: Clock;
  /**
   * The request's overall deadline is no shorter than this deployment's: a
   * non-streamed answer then needs no timer of its own (the request's fires first).
   */
  deadlineCovers?: boolean;
  /**
   * The first attempt of its request: when it has no timer of its own it may hand the
   * adapter the request's signal (the SDK's listener on it then dies with the request;
   * later attempts get their own, so a long fallback chain never piles listeners on one signal).
   */
  first?: boolean;
  /** Runs first, when the attempt's body starts (reservations, in-flight count). */
  begin?(): void;
  /** Runs once, however the attempt ended; `undefined` when it was closed before an end. */
  settle?(end: AttemptEnd | undefined): void;
}

interface AttemptFacts {
  usage?: Usage;
  finishReason?: FinishReason;
  ttftMs?: number;
  latencyMs: number;
}

export type AttemptEnd =
  | ({ outcome: 'ok' } & AttemptFacts)
  | ({ outcome: 'error'; error: SwitchboardError; receivedOutput: boolean } & AttemptFacts);

function timeoutError(phase: 'first_token' | 'idle', ms: number, deploymentId: string): SwitchboardError {
  const what = phase === 'first_token' ? 'No token arrived' : 'The stream went silent';
  return new SwitchboardError({
    kind: 'timeout',
    timeoutPhase: phase,
    deploymentId,
    message: `${what} within ${ms} ms on deployment "${deploymentId}" (timeouts.${phase === 'first_token' ? 'firstTokenMs' : 'idleMs'}).`,
  });
}

function toSwitchboardError(err: unknown, deploymentId: string): SwitchboardError {
  if (SwitchboardError.isInstance(err)) return err.withDeployment(deploymentId);
  const message = err instanceof Error ? err.message : String(err);
  return new SwitchboardError({ kind: 'network', message: `Request to "${deploymentId}" failed: ${message}`, deploymentId, cause: err });
}

/**
 * Runs one attempt on one deployment: applies the first-token and idle
 * timeouts, forwards output parts as they arrive, and returns how it ended.
 * Whatever way it ends (including the consumer stopping early), the upstream
 * request is aborted so its socket closes.
 */
export async function* runAttempt(input: AttemptInput): AsyncGenerator<RouteEvent, AttemptEnd, undefined> {
  const { deployment, timeouts, now } = input;
  input.begin?.();
  const started = now();
  let end: AttemptEnd | undefined;
  // A non-streamed first attempt under the request's own deadline has no timer of its own, and the
  // request is aborted before its pipeline is closed early: nothing but the request can stop it, so the
  // adapter gets the request's signal and the attempt spares an AbortController (~3 µs in Node 20).
  const own = input.stream || !input.deadlineCovers || !input.first ? new AbortController() : undefined;
  const signal = own ? own.signal : input.signal;
  /** Why the attempt was stopped; set once. */
  let stopped: SwitchboardError | undefined;
  /** Rejects the wait for the adapter's next part (see `nextPart`). */
  let stopWaiting: ((reason: unknown) => void) | undefined;
  // Every abort of this attempt goes through here, so it can wake the wait itself:
  // no listener on a fresh signal (~5 µs each in Node 20) and no Promise.race per part.
  const abort = (reason: SwitchboardError): void => {
    if (stopped) return;
    stopped = reason;
    own?.abort(reason);
    stopWaiting?.(reason);
  };
  // The request stopping (caller, deadline, a stage) stops the attempt, at once if it already has.
  const forgetRequest = input.stop.watch((reason) => abort(reason.withDeployment(deployment.id)));

  let timer: ReturnType<typeof setTimeout> | undefined;
  let phase: 'first_token' | 'idle' | undefined;
  const arm = (next: 'first_token' | 'idle', ms: number): void => {
    // Every output part re-arms the idle timer: refreshing the one timer spares a
    // clearTimeout and a new timer object per chunk of a long stream.
    if (timer && phase === next) {
      timer.refresh();
      return;
    }
    if (timer) clearTimeout(timer);
    phase = next;
    timer = setTimeout(() => abort(timeoutError(next, ms, deployment.id)), ms);
  };
  // A non-streamed answer arrives whole: neither the first-token timeout nor the
  // SDK timeout (which then covers the whole body) may be shorter than the deadline.
  const firstTokenMs = input.stream ? timeouts.firstTokenMs : timeouts.overallMs;
  const connectTimeoutMs = input.stream ? timeouts.connectMs : timeouts.overallMs;
  if (input.stream || !input.deadlineCovers) arm('first_token', firstTokenMs);

  const facts: AttemptFacts = { latencyMs: 0 };
  let receivedOutput = false;
  let completed = false;
  // Made inside the try below: an adapter that throws at once still ends the attempt (and settles its bookkeeping).
  let iterator: AsyncIterator<ProviderPart> | undefined;
  // What the adapter gives, or a rejection as soon as the attempt is aborted, even if the adapter is slow to notice.
  // Asked only while not stopped (the callers check first): a stopped attempt never pulls the adapter again.
  const untilStopped = <T>(pending: Promise<T>): Promise<T> =>
    new Promise((resolve, reject) => {
      stopWaiting = reject;
      pending.then(resolve, reject);
    });
  /** Notes what `part` says about the answer; the event to pass on for an output part. */
  const take = (part: ProviderPart): RouteEvent | undefined => {
    switch (part.type) {
      case 'usage':
        facts.usage = part.usage;
        return undefined;
      case 'finish':
        facts.finishReason = part.finishReason;
        return undefined;
      case 'text-delta':
      case 'reasoning-delta':
      case 'thinking-block':
      case 'tool-call-start':
      case 'tool-call-delta':
      case 'tool-call':
        if (!receivedOutput) {
          receivedOutput = true;
          facts.ttftMs = now() - started;
        }
        if (input.stream) arm('idle', timeouts.idleMs);
        return { type: 'output', part };
    }
  };
  try {
    if (stopped) throw stopped;
    // A JSON call's connect timeout is its whole time (above): the request's deadline, or this attempt's timer armed with
    // the deployment's shorter one, aborts the signal no later.
    const call = { canonical: input.canonical, model: deployment.model, stream: input.stream, signal, connectTimeoutMs, connectBoundBySignal: !input.stream };
    const complete = input.stream ? undefined : input.adapter.complete;
    if (complete) {
      // A JSON answer arrives whole: one wait (stopped like any other), then its parts in a plain loop.
      for (const part of await untilStopped(complete.call(input.adapter, call))) {
        // Stopped while the caller had the last part (a guard tripped, a cancel): it ends here, as a stream would.
        if (stopped) throw stopped;
        const event = take(part);
        if (event) yield event;
      }
    } else {
      const parts = input.adapter.call(call)[Symbol.asyncIterator]();
      iterator = parts;
      for (;;) {
        if (stopped) throw stopped;
        const step = await untilStopped(parts.next());
        if (step.done) break;
        const event = take(step.value);
        if (event) yield event;
      }
    }
    completed = true;
    facts.latencyMs = now() - started;
    end = { outcome: 'ok', ...facts };
    return end;
  } catch (err) {
    const reason: unknown = stopped ?? err;
    facts.latencyMs = now() - started;
    end = { outcome: 'error', error: toSwitchboardError(reason, deployment.id), receivedOutput, ...facts };
    return end;
  } finally {
    input.settle?.(end);
    if (timer) clearTimeout(timer);
    forgetRequest();
    if (!completed) abort(cancelledError(deployment.id));
    // An adapter read to its end has nothing to close.
    if (iterator && !completed) void Promise.resolve(iterator.return?.()).catch(() => undefined);
  }
}
