import { SwitchboardError } from '../model/switchboard-error';

/**
 * What the router does after a failed attempt (by error kind, never message text):
 * - `stop`: end the request now (cancelled, overall deadline, a request the caller must fix);
 * - `retry`: transient; try another healthy deployment, else this one again after a backoff;
 * - `other-account`: auth/quota; skip every deployment of this provider for the request;
 * - `other-deployment`: this deployment cannot serve it (model missing, no permission);
 * - `larger-window`: context overflow; only deployments with a larger window, then `contextWindowFallbacks`;
 * - `content-policy`: content filter; only `contentPolicyFallbacks`.
 */
export type ErrorAction = 'stop' | 'retry' | 'other-account' | 'other-deployment' | 'larger-window' | 'content-policy';

export function errorAction(error: SwitchboardError): ErrorAction {
  switch (error.kind) {
    case 'cancelled':
    case 'budget_exceeded':
    case 'invalid_config':
    case 'bad_request':
      return 'stop';
    case 'timeout':
      return error.timeoutPhase === 'deadline' ? 'stop' : 'retry';
    case 'rate_limited':
    case 'overloaded':
    case 'server':
    case 'network':
    case 'invalid_response':
      return error.retryable ? 'retry' : 'other-deployment';
    case 'auth':
    case 'quota_exhausted':
      return 'other-account';
    case 'permission':
    case 'not_found':
    case 'no_deployment_available':
    case 'unsupported':
      return 'other-deployment';
    case 'context_overflow':
      return 'larger-window';
    case 'content_filter':
      return 'content-policy';
  }
}
