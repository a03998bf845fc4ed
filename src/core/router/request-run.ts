import { AliasConfig, DeploymentConfig } from '../config/switchboard-config';
import { AttemptRecord } from '../model/call-record';
import { SwitchboardError } from '../model/switchboard-error';
import { SkippedDeployment } from './capability-filter';
import { RouteContext } from './router';
import { RouterState } from './router-state';
import { Sleep } from './sleep';

/** Router collaborators that live longer than one request. */
export interface RouterDeps {
  state: RouterState;
  sleep: Sleep;
}

/** One alias (or a lone deployment) being tried. */
export interface AliasTarget {
  name: string;
  alias: AliasConfig;
  deployments: DeploymentConfig[];
}

/** What one request has learned so far, across every alias it visits. */
export interface RequestRun {
  ctx: RouteContext;
  deps: RouterDeps;
  attempts: AttemptRecord[];
  /** The first thing that went wrong: what the caller sees if nothing succeeds (R2). */
  original?: SwitchboardError;
  /** Providers (accounts) ruled out for this request after auth / quota errors. */
  excludedProviders: Set<string>;
  /** Deployments with no attempts left in this request (retries used up, or unable to serve it). */
  exhausted: Set<string>;
  /** Deployments that already had an attempt in this request. */
  tried: Set<string>;
  /** The deployment of the previous attempt and why it failed (labels the next one). */
  previous?: { deploymentId: string; reason: SwitchboardError };
  /** Set when output reached the caller and the caller opted into a restart. */
  restartFrom?: string;
  /** Deployments passed over because they cannot serve this request (reported in the record). */
  skipped: SkippedDeployment[];
  promptTokens: number;
  estimatedTokens: number;
  estimate: { inputTokens: number; outputTokens: number };
}

export function noteFailure(run: RequestRun, error: SwitchboardError): void {
  run.original ??= error;
}
