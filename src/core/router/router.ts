import { DeploymentConfig } from '../config/switchboard-config';
import { AttemptRecord } from '../model/call-record';
import { CallOptions, ChatRequest } from '../model/chat-request';
import { AttemptNotice } from '../model/stream-event';
import { SwitchboardError } from '../model/switchboard-error';
import { Runtime } from '../orchestrator/runtime';
import { SkippedDeployment } from './capability-filter';
import { ResolvedTarget } from './resolve-target';
import { AttemptEnd, OutputPart } from './run-attempt';
import { RequestStop } from '../orchestrator/deadline';

export interface RouteContext {
  runtime: Runtime;
  target: ResolvedTarget;
  request: ChatRequest;
  stream: boolean;
  /** Caller cancel + overall deadline (for the adapters). */
  signal: AbortSignal;
  /** The same stop, watched without the signal (see RequestStop). */
  stop: RequestStop;
  options: CallOptions;
}

/** What the router passes up while it works. */
export type RouteEvent = { type: 'output'; part: OutputPart } | { type: 'notice'; notice: AttemptNotice };

/** How routing ended: the last attempt's end, or an error raised before any attempt. */
export interface RouteResult {
  attempts: AttemptRecord[];
  /** The deployment whose attempt ended the request (the one that answered, on success). */
  deployment?: DeploymentConfig;
  end: AttemptEnd | { outcome: 'error'; error: SwitchboardError; receivedOutput: false; latencyMs: 0 };
  /** Deployments passed over because they lack a capability the request needs. */
  skipped?: SkippedDeployment[];
}

/**
 * An attempt the router hands its consumer to read directly: its events, then
 * its end, which the consumer passes back with `next(end)` — as `yield*` would
 * pass them through, without the router's generator layers on every event.
 */
export interface AttemptHandoff {
  type: 'attempt';
  run: AsyncGenerator<RouteEvent, AttemptEnd, undefined>;
}

/** What the router yields: its own notices, and each attempt for its consumer to read (see `AttemptHandoff`). */
export type RouterItem = RouteEvent | AttemptHandoff;

export type Router = (ctx: RouteContext) => AsyncGenerator<RouterItem, RouteResult, AttemptEnd | undefined>;
