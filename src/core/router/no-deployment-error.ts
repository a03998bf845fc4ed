import { SwitchboardError } from '../model/switchboard-error';

/** Why a deployment cannot take a request right now. */
export interface Blocked {
  deploymentId: string;
  /** Milliseconds until it can. */
  waitMs: number;
  /** `rate_limited` (429), `overloaded`, `server`..., or a local `rpm` / `tpm` limit. */
  reason: string;
}

function describe(b: Blocked, now: number): string {
  const what =
    b.reason === 'rpm' || b.reason === 'tpm'
      ? `its ${b.reason.toUpperCase()} limit is reached`
      : b.reason === 'rate_limited'
        ? 'it is rate limited by the provider (429)'
        : `it is cooling down after ${b.reason.replace(/_/g, ' ')} errors`;
  return `"${b.deploymentId}": ${what} until ${new Date(now + b.waitMs).toISOString()} (${(b.waitMs / 1000).toFixed(1)} s)`;
}

/**
 * Every deployment of `target` is cooling down or at a limit. Carries the
 * shortest wait as `retryAfterMs`; it is not a failure of any deployment.
 */
export function noDeploymentAvailable(target: string, blocked: readonly Blocked[], now: number): SwitchboardError {
  const sorted = [...blocked].sort((a, b) => a.waitMs - b.waitMs);
  const shortest = sorted[0]?.waitMs ?? 0;
  return new SwitchboardError({
    kind: 'no_deployment_available',
    retryable: true,
    retryAfterMs: shortest,
    message: `No deployment of "${target}" can take a request now: ${sorted.map((b) => describe(b, now)).join('; ')}. Try again in ${(shortest / 1000).toFixed(1)} s, or set "whenAllCooling": "wait" on the alias.`,
  });
}
