import { Router } from '../../router/router';
import { routerStage } from '../stages/router-stage';
import { validateStage } from '../stages/validate-stage';
import { RequestScope, RequestStage, ScopeStage, StageRun, composeStages } from './stage';

/**
 * The whole pipeline, outermost first: stages that see every request (telemetry,
 * ledger, observers), validation, stages that see valid requests (guards,
 * redaction, budget, cache, limits), then the router.
 */
export function buildPipeline(parts: { scope: readonly ScopeStage[]; request: readonly RequestStage[]; router: Router }): (scope: RequestScope) => StageRun {
  return composeStages(parts.scope, validateStage(composeStages(parts.request, routerStage(parts.router))));
}
