import { SwitchboardError } from '../../model/switchboard-error';
import { extend } from '../../model/extend';
import { validateChatRequest } from '../../model/validate-chat-request';
import { resolveTarget } from '../../router/resolve-target';
import { RequestContext, RequestScope, StageRun, ended } from '../pipeline/stage';

/**
 * The bridge from every request to valid ones: checks the untrusted input and
 * resolves its target; a request that fails is refused (recorded, no cost).
 */
export function validateStage(next: (ctx: RequestContext) => StageRun): (scope: RequestScope) => StageRun {
  // Not a generator (see `ended`): it hands back the valid request's run.
  return (scope) => {
    let ctx: RequestContext;
    try {
      const request = validateChatRequest(scope.raw);
      ctx = extend(scope, { request, target: resolveTarget(request.model, scope.runtime, request) });
    } catch (err) {
      return ended(scope.record.refuse(SwitchboardError.isInstance(err) ? err : new SwitchboardError({ kind: 'bad_request', message: String(err) })));
    }
    scope.record.resolved(ctx.target);
    return next(ctx);
  };
}
