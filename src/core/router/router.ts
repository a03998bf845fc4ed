import { DeploymentConfig } from '../config/switchboard-config';
import { AttemptRecord } from '../model/call-record';
import { CallOptions, ChatRequest } from '../model/chat-request';
import { AttemptNotice } from '../model/stream-event';
import { SwitchboardError } from '../model/switchboard-error';
import { Runtime } from '../orchestrator/runtime';
import { SkippedDeployment } from './capability-filter';
import { ResolvedTarget } from './resolve-target';
import { AttemptEnd, OutputPart } from './run-attempt';

export interface RouteContext {
  runtime: Runtime;
  target: ResolvedTarget;
  request: ChatRequest;
  stream: boolean;
  /** Caller cancel + overall deadline. */
  signal: AbortSignal;
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

export type Router = (ctx: RouteContext) => AsyncGenerator<RouteEvent, RouteResult, undefined>;
