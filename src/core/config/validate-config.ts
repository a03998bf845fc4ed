import { checkJsonData } from './check-json-data';
import { DEFAULT_COOLDOWN, DEFAULT_RETRY } from './defaults';
import { ConfigIssue, IssueList, checkNumber, checkUnknownKeys, isRecord, joinPath } from './config-issues';
import { SwitchboardConfig } from './switchboard-config';
import { validateAliases } from './validate-aliases';
import { validateAuto } from './validate-auto';
import { validateBudgets } from './validate-budgets';
import { validateAliasCachePolicy, validateCacheConfig } from './validate-cache';
import { validateDeployments, validateTimeouts } from './validate-deployments';
import { validateProviders } from './validate-providers';

const ROOT_KEYS = ['providers', 'deployments', 'aliases', 'retry', 'timeouts', 'cooldown', 'cache', 'budgets', 'auto', 'limits'] as const;

export type ConfigValidation =
  | { ok: true; config: SwitchboardConfig; warnings: ConfigIssue[] }
  | { ok: false; errors: ConfigIssue[]; warnings: ConfigIssue[] };

function validatePolicies(raw: Record<string, unknown>, issues: IssueList): void {
  const policy = (key: string, known: readonly string[]): Record<string, unknown> | undefined => {
    const v = raw[key];
    if (v === undefined) return undefined;
    if (!isRecord(v)) {
      issues.error(key, `must be an object with any of ${known.join(', ')}.`);
      return undefined;
    }
    checkUnknownKeys(issues, v, known, key);
    return v;
  };
  const retry = policy('retry', Object.keys(DEFAULT_RETRY));
  if (retry) {
    checkNumber(issues, retry, 'maxRetries', 'retry', { min: 0, integer: true, hint: 'Retries per deployment, e.g. 2.' });
    checkNumber(issues, retry, 'baseDelayMs', 'retry', { min: 0, hint: 'Milliseconds, e.g. 500.' });
    checkNumber(issues, retry, 'maxDelayMs', 'retry', { min: 0, hint: 'Milliseconds, e.g. 8000.' });
    checkNumber(issues, retry, 'maxFallbacks', 'retry', { min: 0, integer: true, hint: 'Fallback hops per request, e.g. 5.' });
    checkNumber(issues, retry, 'maxRetryAfterMs', 'retry', { min: 0, hint: 'Longest Retry-After worth sleeping for, in milliseconds, e.g. 20000.' });
  }
  validateTimeouts(raw.timeouts, 'timeouts', issues);
  const cooldown = policy('cooldown', Object.keys(DEFAULT_COOLDOWN));
  if (cooldown) {
    checkNumber(issues, cooldown, 'allowedFails', 'cooldown', { min: 1, integer: true, hint: 'Failures before cooling, e.g. 3.' });
    for (const k of ['windowMs', 'cooldownMs', 'minCooldownMs', 'rateLimitMs']) checkNumber(issues, cooldown, k, 'cooldown', { min: 0, hint: 'Milliseconds.' });
    checkNumber(issues, cooldown, 'maxCooldownMs', 'cooldown', { min: 1000, hint: 'Milliseconds, at least 1000; the default 300000 is 5 minutes.' });
  }
  const limits = policy('limits', ['maxConcurrent', 'maxQueue']);
  if (limits) {
    checkNumber(issues, limits, 'maxConcurrent', 'limits', { min: 1, integer: true, hint: 'Concurrent requests, e.g. 16.' });
    checkNumber(issues, limits, 'maxQueue', 'limits', { min: 0, integer: true, hint: 'Queued requests, e.g. 64.' });
  }
}

/**
 * Validates untrusted configuration (settings, a script's JSON). Lists every
 * problem with its JSON path and what to change; never throws.
 */
export function validateConfig(raw: unknown): ConfigValidation {
  const issues = new IssueList();
  if (!isRecord(raw)) {
    issues.error('', 'The configuration must be an object with "providers", "deployments" and "aliases".');
    return { ok: false, errors: issues.errors, warnings: issues.warnings };
  }
  // Everything below may JSON.stringify or recurse: it only ever sees plain JSON data.
  if (!checkJsonData(raw, issues)) return { ok: false, errors: issues.errors, warnings: issues.warnings };
  checkUnknownKeys(issues, raw, ROOT_KEYS, '');
  const providers = validateProviders(raw.providers ?? {}, issues);
  const providerNames = new Set(isRecord(raw.providers) ? Object.keys(raw.providers) : []);
  const deployments = validateDeployments(raw.deployments ?? [], providers, providerNames, issues);
  const deploymentIds = new Set(Array.isArray(raw.deployments) ? raw.deployments.flatMap((d: unknown) => (isRecord(d) && typeof d.id === 'string' ? [d.id] : [])) : []);
  const aliases = validateAliases(raw.aliases ?? {}, deploymentIds, issues);
  validatePolicies(raw, issues);
  const aliasNames = new Set(Object.keys(aliases));
  validateAuto(raw.auto, aliasNames, deploymentIds, issues);
  const cache = validateCacheConfig(raw.cache, issues, deploymentIds);
  for (const [name, alias] of Object.entries(aliases)) {
    const policy = validateAliasCachePolicy((alias as { cache?: unknown }).cache, joinPath('aliases', name), issues, cache.semantic !== undefined);
    if (policy) aliases[name] = { ...alias, cache: policy };
  }
  const budgets = validateBudgets(raw.budgets, issues, aliasNames);
  if (issues.errors.length > 0) return { ok: false, errors: issues.errors, warnings: issues.warnings };
  const config: SwitchboardConfig = { ...(raw as unknown as SwitchboardConfig), providers, deployments, aliases, cache };
  if (budgets) config.budgets = budgets;
  return { ok: true, config, warnings: issues.warnings };
}
