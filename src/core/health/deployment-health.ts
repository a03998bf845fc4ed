import { Runtime } from '../orchestrator/runtime';
import { RouterState } from '../router/router-state';

/** What `health()` reports per deployment of the current config. */
export interface DeploymentHealthReport {
  deploymentId: string;
  provider: string;
  model: string;
  inFlight: number;
  /** Epoch ms when the current cooldown ends (absent when not cooling). */
  cooldownUntil?: number;
  /** Why it is cooling (`rate_limited`, `server`, `quota_exhausted`...). */
  cooldownReason?: string;
  /** The provider's key was rejected (401) and is not used until it or the config changes. */
  keyRejected: boolean;
  /** Paused by the user: routing skips it until resumed. */
  paused: boolean;
  rpmUsed: number;
  rpmLimit?: number;
  tpmUsed: number;
  tpmLimit?: number;
  latencyP50Ms?: number;
  latencyP95Ms?: number;
  ttftP50Ms?: number;
  ttftP95Ms?: number;
  /** Failed share of attempts in the last five minutes (0..1). */
  errorRate: number;
  [detail: string]: unknown;
}

/** Snapshot of every deployment of the current config. */
export function deploymentHealth(runtime: Runtime, state: RouterState): DeploymentHealthReport[] {
  const now = runtime.now();
  return [...runtime.deployments.values()].map((d) => {
    const st = state.peek(d.id);
    const report: DeploymentHealthReport = {
      deploymentId: d.id,
      provider: d.provider,
      model: d.model,
      inFlight: st?.inFlight ?? 0,
      keyRejected: state.rejectedKey(d.provider) !== undefined,
      paused: state.isPaused(d.id),
      rpmUsed: st?.limits.rpmUsed(now) ?? 0,
      tpmUsed: st?.limits.tpmUsed(now) ?? 0,
      errorRate: st?.stats.errorRate(now) ?? 0,
    };
    const cooling = st?.cooldown.active(now);
    if (cooling) {
      report.cooldownUntil = cooling.until;
      report.cooldownReason = cooling.reason;
    }
    if (d.rpm !== undefined) report.rpmLimit = d.rpm;
    if (d.tpm !== undefined) report.tpmLimit = d.tpm;
    const put = (key: 'latencyP50Ms' | 'latencyP95Ms' | 'ttftP50Ms' | 'ttftP95Ms', v: number | undefined): void => {
      if (v !== undefined) report[key] = v;
    };
    put('latencyP50Ms', st?.stats.latencyPercentile(50));
    put('latencyP95Ms', st?.stats.latencyPercentile(95));
    put('ttftP50Ms', st?.stats.ttftPercentile(50));
    put('ttftP95Ms', st?.stats.ttftPercentile(95));
    return report;
  });
}
