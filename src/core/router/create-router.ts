import { AliasConfig } from '../config/switchboard-config';
import { SwitchboardError } from '../model/switchboard-error';
import { ErrorAction } from './error-policy';
import { estimateRequest } from './estimate-request';
import { AliasTarget, RequestRun, RouterDeps } from './request-run';
import { ResolvedTarget } from './resolve-target';
import { routeAlias } from './route-alias';
import { RouteContext, RouteResult, Router } from './router';

/** Which fallback list applies after an alias failed this way (none: fail now). */
function fallbacksFor(alias: AliasConfig, action: ErrorAction): readonly string[] {
  switch (action) {
    case 'stop':
      return [];
    case 'larger-window':
      return alias.contextWindowFallbacks ?? [];
    case 'content-policy':
      return alias.contentPolicyFallbacks ?? [];
    default:
      return alias.fallbacks ?? [];
  }
}

function startTarget(target: ResolvedTarget): AliasTarget {
  if (target.kind === 'alias') return { name: target.name, alias: target.alias, deployments: target.deployments };
  return { name: target.deployment.id, alias: { deployments: [target.deployment.id], strategy: 'ordered' }, deployments: [target.deployment] };
}

function aliasTarget(ctx: RouteContext, name: string): AliasTarget | undefined {
  const alias = ctx.runtime.aliases.get(name);
  if (!alias) return undefined;
  return { name, alias, deployments: alias.deployments.flatMap((id) => ctx.runtime.deployments.get(id) ?? []) };
}

function failed(run: RequestRun, error: SwitchboardError): RouteResult {
  return { attempts: run.attempts, end: { outcome: 'error', error: run.original ?? error, receivedOutput: false, latencyMs: 0 } };
}

function withSkips(run: RequestRun, result: RouteResult): RouteResult {
  return run.skipped.length > 0 ? { ...result, skipped: run.skipped } : result;
}

/**
 * The router: the one retry loop of the product. Walks the requested alias and
 * then its fallback aliases (each at most once; at most `retry.maxFallbacks`
 * hops), and surfaces the first error when nothing answers.
 */
export function createRouter(deps: RouterDeps): Router {
  return async function* route(ctx) {
    const estimate = estimateRequest(ctx.request);
    const run: RequestRun = {
      ctx,
      deps,
      attempts: [],
      excludedProviders: new Set(),
      exhausted: new Set(),
      tried: new Set(),
      skipped: [],
      promptTokens: estimate.inputTokens,
      estimatedTokens: estimate.inputTokens + estimate.outputTokens,
      estimate,
    };
    let current = startTarget(ctx.target);
    // Made when the first alias fails (it is then `current`): most requests end in their first alias.
    let visited: Set<string> | undefined;
    let queue: string[] | undefined;
    let hops = 0;
    for (;;) {
      const outcome = yield* routeAlias(run, current);
      if (outcome.type === 'done') return withSkips(run, outcome.result);
      const seen = (visited ??= new Set<string>([current.name]));
      queue ??= [];
      queue.unshift(...fallbacksFor(current.alias, outcome.action).filter((name) => !seen.has(name)));
      let next: AliasTarget | undefined;
      while (!next && queue.length > 0) {
        const name = queue.shift() as string;
        if (seen.has(name)) continue;
        seen.add(name);
        next = aliasTarget(ctx, name);
      }
      if (!next || hops >= ctx.runtime.retry.maxFallbacks) return withSkips(run, failed(run, outcome.error));
      hops += 1;
      current = next;
    }
  };
}
