import { DeploymentHealthReport } from '../../core/index';

/** What one deployment looks like to the user right now. */
export type DeploymentState =
  | { kind: 'healthy' }
  | { kind: 'cooling'; remainingMs: number; reason: string }
  | { kind: 'key-invalid' }
  | { kind: 'paused' }
  | { kind: 'busy'; inFlight: number };

/** `orchestrator.health()` rows carry the router's full report; the public type is looser. */
export function asReport(row: { deploymentId: string; [k: string]: unknown }): DeploymentHealthReport {
  return row as DeploymentHealthReport;
}

export function deploymentState(h: DeploymentHealthReport, now: number): DeploymentState {
  if (h.keyRejected) return { kind: 'key-invalid' };
  if (h.paused) return { kind: 'paused' };
  if (h.cooldownUntil !== undefined && h.cooldownUntil > now) return { kind: 'cooling', remainingMs: h.cooldownUntil - now, reason: h.cooldownReason ?? 'errors' };
  if (h.inFlight > 0) return { kind: 'busy', inFlight: h.inFlight };
  return { kind: 'healthy' };
}

const REASON: Record<string, string> = { rate_limited: 'rate limited', overloaded: 'overloaded', server: 'server errors', timeout: 'timeouts', network: 'network errors', quota_exhausted: 'quota exhausted', invalid_response: 'bad responses' };

/** "healthy", "cooling down 12 s (rate limited)", "key invalid", "2 in flight". */
export function describeState(s: DeploymentState): string {
  switch (s.kind) {
    case 'healthy':
      return 'healthy';
    case 'cooling':
      return `cooling down ${Math.ceil(s.remainingMs / 1000)} s (${REASON[s.reason] ?? s.reason})`;
    case 'key-invalid':
      return 'key invalid';
    case 'paused':
      return 'paused';
    case 'busy':
      return `${s.inFlight} in flight`;
  }
}

export const STATE_ICON: Record<DeploymentState['kind'], string> = { healthy: 'pass', cooling: 'watch', 'key-invalid': 'key', paused: 'debug-pause', busy: 'sync' };
