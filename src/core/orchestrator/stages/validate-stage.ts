import { SwitchboardError } from '../../model/switchboard-error';
import { extend } from '../../model/extend';
import { validateChatRequest } from '../../model/validate-chat-request';
import { ResolvedTarget, resolveTarget } from '../../router/resolve-target';
import { Runtime } from '../runtime';
import { RequestContext, RequestScope, StageRun, ended } from '../pipeline/stage';

/**
 * The bridge from every request to valid ones: checks the untrusted input and
 * resolves its target; a request that fails is refused (recorded, no cost).
 */
export function validateStage(next: (ctx: RequestContext) => StageRun): (scope: RequestScope) => StageRun {
  // A target depends only on the config snapshot and its name (unless `auto` picks it for the request):
  // resolved once per runtime, not per request. Only names that resolved are kept, so the map stays as small as the config.
  const targets = new WeakMap<Runtime, Map<string, ResolvedTarget>>();
  const targetOf = (model: string, runtime: Runtime, request: Parameters<typeof resolveTarget>[2]): ResolvedTarget => {
    let byName = targets.get(runtime);
    if (byName === undefined) targets.set(runtime, (byName = new Map()));
    const known = byName.get(model);
    if (known !== undefined) return known;
    const target = resolveTarget(model, runtime, request);
    if (target.route === undefined) byName.set(model, target);
    return target;
  };
  // Not a generator (see `ended`): it hands back the valid request's run.
  return (scope) => {
    let ctx: RequestContext;
    try {
      const request = validateChatRequest(scope.raw);
      ctx = extend(scope, { request, target: targetOf(request.model, scope.runtime, request) });
    } catch (err) {
      return ended(scope.record.refuse(SwitchboardError.isInstance(err) ? err : new SwitchboardError({ kind: 'bad_request', message: String(err) })));
    }
    scope.record.resolved(ctx.target);
    return next(ctx);
  };
}
