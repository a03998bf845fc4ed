import { CanonicalCall } from '../model/canonical-call';
import { MaybePromise } from '../model/maybe-promise';
import { ProviderPart } from '../model/provider-part';

/** One call to a provider: the canonical request plus what this attempt needs. */
export interface AdapterCall {
  /** The request as typed parts: no alias, no cache options. */
  canonical: CanonicalCall;
  /** Provider-side model name (the deployment's `model`). */
  model: string;
  stream: boolean;
  /**
   * Aborts the HTTP request (cancel, timeouts); the adapter must close the socket.
   * One per attempt (runAttempt's), aborted whenever the attempt ends before its
   * answer was read to the end — or, for a non-streamed first attempt with no timer
   * of its own, the request's signal itself. Either way it lives no longer than the
   * request: adapters hand it to their SDK as it is.
   */
  signal: AbortSignal;
  /** Until response headers arrive (the SDK's `timeout`). */
  connectTimeoutMs: number;
  /**
   * `signal` is aborted no later than `connectTimeoutMs` would fire: a non-streamed call's connect
   * timeout is the request's deadline, which aborts the signal anyway. The adapter then needs no
   * timer and no controller of its own to enforce it (each is µs on every call).
   */
  connectBoundBySignal: boolean;
}

/**
 * A thin layer over one official SDK. Yields canonical parts for streamed and
 * JSON answers alike; throws SwitchboardError (mapped at this edge) on failure.
 * Never retries: SDK clients are built with `maxRetries: 0`.
 */
export interface ProviderAdapter {
  readonly providerId: string;
  call(call: AdapterCall): AsyncIterable<ProviderPart>;
  /**
   * A non-streamed call (`stream: false`) whose answer arrives whole: its parts
   * at once, in `call`'s order, with `call`'s errors. Optional; an attempt
   * prefers it for JSON calls (one promise, not an async iteration per part:
   * every JSON call runs it). Without it a JSON call is read through `call`.
   */
  complete?(call: AdapterCall): Promise<readonly ProviderPart[]>;
  /** Lets go of what the adapter holds between calls (idle sockets); calls in flight finish. */
  dispose?(): void;
}

/** Resolves the key a provider uses at call time, so a changed key applies at once. */
export type KeyResolver = () => MaybePromise<string | undefined>;
