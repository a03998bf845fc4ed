import { checkEndpoint } from '../net/endpoint-policy';
import { isCredentialHeaderName } from '../net/credential-headers';
import { PROVIDER_DEFINITIONS, PROVIDER_KINDS, isProviderKind, providerDefinition } from '../providers/registry';
import { IssueList, checkName, checkUnknownKeys, isRecord, joinPath } from './config-issues';
import { ProviderConfig } from './switchboard-config';

const COMMON_KEYS = ['kind', 'baseUrl', 'apiKeySecret', 'headers', 'secretHeaders'] as const;
/** Every key some kind accepts; a key of another kind is reported as such, not as unknown. */
const PROVIDER_KEYS = [...COMMON_KEYS, ...new Set(Object.values(PROVIDER_DEFINITIONS).flatMap((d) => d.extraKeys))];
/** Set from `apiKeySecret` by the adapter itself; a secret header cannot replace them. */
const KEY_HEADERS = new Set(['authorization', 'x-api-key', 'api-key']);
/** Keys that would put a secret into settings: refused with a pointer to SecretStorage. */
const SECRET_KEYS = ['apiKey', 'api_key', 'key', 'token', 'secret'];

export function validateProviders(raw: unknown, issues: IssueList): Record<string, ProviderConfig> {
  const out: Record<string, ProviderConfig> = {};
  if (!isRecord(raw)) {
    issues.error('providers', 'must be an object mapping a provider name to { kind, baseUrl?, apiKeySecret? }.');
    return out;
  }
  for (const [name, value] of Object.entries(raw)) {
    const path = joinPath('providers', name);
    if (!isRecord(value)) {
      issues.error(path, 'must be an object like { "kind": "openai", "apiKeySecret": "openai" }.');
      continue;
    }
    const before = issues.errors.length;
    checkName(issues, path, name, 'provider');
    for (const k of SECRET_KEYS) {
      if (k in value) issues.error(joinPath(path, k), 'API keys never go in settings. Remove it and run "Switchboard: Set API Key" (stored in SecretStorage); name the secret with "apiKeySecret".');
    }
    checkUnknownKeys(issues, Object.fromEntries(Object.entries(value).filter(([k]) => !SECRET_KEYS.includes(k))), PROVIDER_KEYS, path);
    const kind = value.kind;
    if (!isProviderKind(kind)) {
      issues.error(joinPath(path, 'kind'), `must be one of ${PROVIDER_KINDS.map((k) => `"${k}"`).join(', ')}; got ${JSON.stringify(kind)}.`);
      continue;
    }
    const definition = providerDefinition(kind);
    for (const k of Object.keys(value)) {
      if (COMMON_KEYS.includes(k as (typeof COMMON_KEYS)[number]) || definition.extraKeys.includes(k)) continue;
      const owner = PROVIDER_KINDS.find((other) => providerDefinition(other).extraKeys.includes(k));
      if (owner !== undefined) issues.error(joinPath(path, k), `applies only to "kind": "${owner}".`);
    }
    const baseUrl = value.baseUrl;
    if (baseUrl !== undefined) {
      if (typeof baseUrl !== 'string') issues.error(joinPath(path, 'baseUrl'), 'must be a URL string.');
      else {
        const check = checkEndpoint(baseUrl);
        if (!check.ok) issues.error(joinPath(path, 'baseUrl'), check.reason);
      }
    }
    const secret = value.apiKeySecret;
    if (secret !== undefined && (typeof secret !== 'string' || secret.trim() === '')) issues.error(joinPath(path, 'apiKeySecret'), 'must be a non-empty string.');
    if (secret === undefined && definition.credentials.required) {
      issues.error(joinPath(path, 'apiKeySecret'), `is required for "${kind}": name the secret holding the key (e.g. "${name}") and set it with "Switchboard: Set API Key".`);
    }
    definition.validate(value, path, name, issues);
    if (value.headers !== undefined) {
      if (!isRecord(value.headers)) issues.error(joinPath(path, 'headers'), 'must be an object of header name to string value.');
      else
        for (const [h, hv] of Object.entries(value.headers)) {
          const hp = joinPath(joinPath(path, 'headers'), h);
          if (typeof hv !== 'string') issues.error(hp, 'must be a string.');
          if (isCredentialHeaderName(h)) {
            issues.error(
              hp,
              `"${h}" carries a credential, and settings are plain text (synced, readable by other extensions); it is also never sent, since only the provider's own key header is. ` +
                `Move it to "secretHeaders": { "${h}": "<secret name>" } and store its value with "Switchboard: Set API Key" (or, for the provider's own key, use "apiKeySecret").`,
            );
          }
        }
    }
    if (value.secretHeaders !== undefined) {
      const sp = joinPath(path, 'secretHeaders');
      if (!isRecord(value.secretHeaders)) issues.error(sp, 'must map a header name to the name of the secret holding its value, e.g. { "cf-aig-authorization": "gateway" }.');
      else
        for (const [h, secret] of Object.entries(value.secretHeaders)) {
          const hp = joinPath(sp, h);
          if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(h)) issues.error(hp, 'is not a valid HTTP header name.');
          else if (KEY_HEADERS.has(h.toLowerCase())) issues.error(hp, `is the provider's own key header; name its secret with "apiKeySecret" instead.`);
          if (typeof secret !== 'string' || secret.trim() === '') issues.error(hp, 'must be the name of a secret (set with "Switchboard: Set API Key"), not its value.');
        }
    }
    if (issues.errors.length === before) out[name] = value as unknown as ProviderConfig;
  }
  return out;
}
