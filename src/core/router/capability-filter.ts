import { DeploymentConfig } from '../config/switchboard-config';
import { CapabilityName } from '../model/capabilities';
import { ChatRequest } from '../model/chat-request';
import { CAPABILITY_LABEL, missingCapabilities } from '../model/required-capabilities';
import { SwitchboardError } from '../model/switchboard-error';
import { Runtime } from '../orchestrator/runtime';

/** A deployment routing passed over, and why (kept in the CallRecord). */
export interface SkippedDeployment {
  deploymentId: string;
  reason: string;
}

/** What `deployment` lacks to serve `request`; empty when it can. Never a silently dropped field. */
export function capabilityGap(runtime: Pick<Runtime, 'providers' | 'capabilitiesFor'>, deployment: DeploymentConfig, request: ChatRequest): CapabilityName[] {
  return runtime.providers.has(deployment.provider) ? missingCapabilities(request, runtime.capabilitiesFor(deployment)) : [];
}

export function skipReason(missing: readonly CapabilityName[]): string {
  return `cannot serve ${missing.map((m) => CAPABILITY_LABEL[m]).join(', ')}`;
}

/** Nothing in the alias (or its fallbacks) can serve the request: name what is missing. */
export function unsupportedError(target: string, missing: readonly CapabilityName[]): SwitchboardError {
  const what = [...new Set(missing)].map((m) => CAPABILITY_LABEL[m]).join(', ');
  return new SwitchboardError({
    kind: 'unsupported',
    retryable: false,
    message: `No deployment of "${target}" supports ${what}. Add a deployment that does to the alias (or to its "fallbacks"), or set "capabilities" on a deployment that is known to support it.`,
  });
}
