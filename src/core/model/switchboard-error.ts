import type { CallRecord } from './call-record';
import { ErrorKind, TimeoutPhase, isRetryableKind } from './error-kind';

const MARKER = Symbol.for('switchboard.error');

export interface SwitchboardErrorInit {
  kind: ErrorKind;
  message: string;
  retryable?: boolean;
  retryAfterMs?: number;
  status?: number;
  /** The provider's own message, verbatim (never contains a key: providers do not echo them). */
  providerMessage?: string;
  /** The provider's own error type/code (`insufficient_quota`, `overloaded_error`...). */
  providerCode?: string;
  deploymentId?: string;
  timeoutPhase?: TimeoutPhase;
  /**
   * Kept only when it is itself a SwitchboardError. Anything else (an SDK
   * error with the provider's unredacted message, the response headers and the
   * request options) is dropped: what matters of it is already in `message`,
   * and `console.error(err)` would print the whole chain.
   */
  cause?: unknown;
  /** Set when `chat()` fails: the request's record and any partial answer. */
  record?: CallRecord;
  partialContent?: string;
}

/**
 * The one error class of the core. `kind` drives every decision; the rest is
 * detail for people. `isInstance` works across bundles (the extension and
 * `dist/core.js` each carry their own copy of this class).
 */
export class SwitchboardError extends Error {
  readonly kind: ErrorKind;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly status?: number;
  readonly providerMessage?: string;
  readonly providerCode?: string;
  readonly deploymentId?: string;
  readonly timeoutPhase?: TimeoutPhase;
  readonly record?: CallRecord;
  readonly partialContent?: string;
  readonly [MARKER] = true;

  constructor(init: SwitchboardErrorInit) {
    super(init.message, SwitchboardError.isInstance(init.cause) ? { cause: init.cause } : undefined);
    this.name = 'SwitchboardError';
    this.kind = init.kind;
    this.retryable = init.retryable ?? isRetryableKind(init.kind);
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.status !== undefined) this.status = init.status;
    if (init.providerMessage !== undefined) this.providerMessage = init.providerMessage;
    if (init.providerCode !== undefined) this.providerCode = init.providerCode;
    if (init.deploymentId !== undefined) this.deploymentId = init.deploymentId;
    if (init.timeoutPhase !== undefined) this.timeoutPhase = init.timeoutPhase;
    if (init.record !== undefined) this.record = init.record;
    if (init.partialContent !== undefined) this.partialContent = init.partialContent;
  }

  static isInstance(value: unknown): value is SwitchboardError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
  }

  /** A copy attributed to a deployment (adapters do not know which deployment they serve). */
  withDeployment(deploymentId: string): SwitchboardError {
    if (this.deploymentId === deploymentId) return this;
    return new SwitchboardError({ ...this.toInit(), deploymentId });
  }

  toInit(): SwitchboardErrorInit {
    const init: SwitchboardErrorInit = { kind: this.kind, message: this.message, retryable: this.retryable };
    if (this.retryAfterMs !== undefined) init.retryAfterMs = this.retryAfterMs;
    if (this.status !== undefined) init.status = this.status;
    if (this.providerMessage !== undefined) init.providerMessage = this.providerMessage;
    if (this.providerCode !== undefined) init.providerCode = this.providerCode;
    if (this.deploymentId !== undefined) init.deploymentId = this.deploymentId;
    if (this.timeoutPhase !== undefined) init.timeoutPhase = this.timeoutPhase;
    if (this.cause !== undefined) init.cause = this.cause;
    return init;
  }

  /** A copy carrying the failed request's record (and partial answer). */
  withOutcome(record: CallRecord, partialContent: string): SwitchboardError {
    return new SwitchboardError({ ...this.toInit(), record, partialContent });
  }

  /** Plain JSON for logs, the ledger and the webview. */
  toJSON(): Record<string, unknown> {
    const { cause: _cause, record: _record, partialContent: _partial, ...rest } = this.toInit();
    return { name: this.name, ...rest };
  }
}

export function cancelledError(deploymentId?: string): SwitchboardError {
  const init: SwitchboardErrorInit = { kind: 'cancelled', message: 'The request was cancelled.' };
  if (deploymentId !== undefined) init.deploymentId = deploymentId;
  return new SwitchboardError(init);
}
