import { IssueList, checkName, checkNumber, checkUnknownKeys, isRecord, joinPath } from './config-issues';
import { DeploymentConfig, ProviderConfig } from './switchboard-config';

const DEPLOYMENT_KEYS = ['id', 'provider', 'model', 'rpm', 'tpm', 'weight', 'contextWindow', 'maxOutputTokens', 'price', 'timeouts'] as const;
const PRICE_KEYS = ['inputPerMTok', 'outputPerMTok', 'cacheReadPerMTok', 'cacheWritePerMTok'] as const;
const TIMEOUT_KEYS = ['connectMs', 'firstTokenMs', 'idleMs', 'overallMs'] as const;

export function validateTimeouts(raw: unknown, path: string, issues: IssueList): void {
  if (raw === undefined) return;
  if (!isRecord(raw)) return issues.error(path, `must be an object with any of ${TIMEOUT_KEYS.join(', ')} (milliseconds).`);
  checkUnknownKeys(issues, raw, TIMEOUT_KEYS, path);
  for (const k of TIMEOUT_KEYS) checkNumber(issues, raw, k, path, { min: 0, exclusiveMin: true, hint: 'Milliseconds, e.g. 30000.' });
}

export function validateDeployments(raw: unknown, providers: Record<string, ProviderConfig>, providerNames: Set<string>, issues: IssueList): DeploymentConfig[] {
  const out: DeploymentConfig[] = [];
  if (!Array.isArray(raw)) {
    issues.error('deployments', 'must be an array of { id, provider, model }.');
    return out;
  }
  const seen = new Map<string, number>();
  raw.forEach((value: unknown, i: number) => {
    const path = joinPath('deployments', i);
    if (!isRecord(value)) return issues.error(path, 'must be an object like { "id": "mini", "provider": "oa", "model": "gpt-4o-mini-2024-07-18" }.');
    const before = issues.errors.length;
    checkUnknownKeys(issues, value, DEPLOYMENT_KEYS, path);
    if (typeof value.id !== 'string' || value.id.trim() === '') issues.error(joinPath(path, 'id'), 'must be a non-empty string naming this deployment.');
    else if (!checkName(issues, joinPath(path, 'id'), value.id, 'deployment')) seen.set(value.id, i);
    else if (seen.has(value.id)) issues.error(joinPath(path, 'id'), `"${value.id}" is already used by deployments[${seen.get(value.id)}]; ids must be unique.`);
    else seen.set(value.id, i);
    if (typeof value.provider !== 'string' || !providerNames.has(value.provider)) {
      const known = [...providerNames].map((n) => `"${n}"`).join(', ') || '(none defined)';
      issues.error(joinPath(path, 'provider'), `${JSON.stringify(value.provider)} is not a provider defined under "providers"; known: ${known}.`);
    }
    if (typeof value.model !== 'string' || value.model.trim() === '') issues.error(joinPath(path, 'model'), 'must be the provider-side model name, e.g. "gpt-4o-mini-2024-07-18".');
    checkNumber(issues, value, 'rpm', path, { min: 0, exclusiveMin: true, hint: 'Requests per minute; omit for no limit.' });
    checkNumber(issues, value, 'tpm', path, { min: 0, exclusiveMin: true, hint: 'Tokens per minute; omit for no limit.' });
    checkNumber(issues, value, 'weight', path, { min: 0, exclusiveMin: true, hint: 'Relative share for the "weighted" strategy, e.g. 1.' });
    checkNumber(issues, value, 'contextWindow', path, { min: 1, integer: true, hint: 'Tokens, e.g. 128000.' });
    checkNumber(issues, value, 'maxOutputTokens', path, { min: 1, integer: true, hint: 'Tokens, e.g. 8192.' });
    if (value.price !== undefined) {
      const pp = joinPath(path, 'price');
      if (!isRecord(value.price)) issues.error(pp, 'must be { "inputPerMTok": number, "outputPerMTok": number } in USD per million tokens.');
      else {
        checkUnknownKeys(issues, value.price, PRICE_KEYS, pp);
        for (const k of ['inputPerMTok', 'outputPerMTok'] as const) {
          if (value.price[k] === undefined) issues.error(joinPath(pp, k), 'is required when "price" is given (USD per million tokens).');
        }
        for (const k of PRICE_KEYS) checkNumber(issues, value.price, k, pp, { min: 0, hint: 'USD per million tokens.' });
      }
    }
    validateTimeouts(value.timeouts, joinPath(path, 'timeouts'), issues);
    if (issues.errors.length === before && typeof value.provider === 'string' && Object.hasOwn(providers, value.provider)) out.push(value as unknown as DeploymentConfig);
  });
  return out;
}
