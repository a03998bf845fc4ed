import { checkEndpoint } from '../net/endpoint-policy';
import { isCredentialHeaderName } from '../net/credential-headers';
import { COMPAT_PRESETS } from '../providers/presets';
import { IssueList, checkName, checkUnknownKeys, isRecord, joinPath } from './config-issues';
import { PROVIDER_KINDS, ProviderConfig, ProviderKind } from './switchboard-config';

const PROVIDER_KEYS = ['kind', 'baseUrl', 'apiKeySecret', 'preset', 'headers', 'secretHeaders', 'apiVersion', 'organization'] as const;
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
    if (typeof kind !== 'string' || !PROVIDER_KINDS.includes(kind as ProviderKind)) {
      issues.error(joinPath(path, 'kind'), `must be one of ${PROVIDER_KINDS.map((k) => `"${k}"`).join(', ')}; got ${JSON.stringify(kind)}.`);
      continue;
    }
    const preset = value.preset;
    if (preset !== undefined && (typeof preset !== 'string' || !COMPAT_PRESETS.has(preset))) {
      issues.error(joinPath(path, 'preset'), `must be one of ${[...COMPAT_PRESETS.keys()].join(', ')}; got ${JSON.stringify(preset)}.`);
    } else if (preset !== undefined && kind !== 'openai-compatible') {
      issues.error(joinPath(path, 'preset'), 'applies only to "kind": "openai-compatible".');
    }
    const baseUrl = value.baseUrl;
    if (baseUrl !== undefined) {
      if (typeof baseUrl !== 'string') issues.error(joinPath(path, 'baseUrl'), 'must be a URL string.');
      else {
        const check = checkEndpoint(baseUrl);
        if (!check.ok) issues.error(joinPath(path, 'baseUrl'), check.reason);
        else if (kind === 'anthropic' && /\/v1\/?$|\/messages\/?$/.test(check.url.pathname)) {
          issues.error(joinPath(path, 'baseUrl'), 'for Anthropic is the origin (e.g. "https://api.anthropic.com"); the SDK adds /v1/messages. Remove the path.');
        }
      }
    } else if (kind === 'openai-compatible' && preset === undefined) {
      issues.error(joinPath(path, 'baseUrl'), 'is required for "openai-compatible" unless "preset" is set (e.g. "http://127.0.0.1:11434/v1").');
    } else if (kind === 'azure-openai') {
      issues.error(joinPath(path, 'baseUrl'), 'is required for Azure: your resource endpoint, e.g. "https://my-resource.openai.azure.com".');
    }
    if (kind === 'azure-openai' && typeof value.apiVersion !== 'string') {
      issues.error(joinPath(path, 'apiVersion'), 'is required for Azure, e.g. "2024-10-21".');
    }
    for (const k of ['apiKeySecret', 'apiVersion', 'organization'] as const) {
      const v = value[k];
      if (v !== undefined && (typeof v !== 'string' || v.trim() === '')) issues.error(joinPath(path, k), 'must be a non-empty string.');
    }
    if (value.apiKeySecret === undefined && (kind === 'openai' || kind === 'anthropic' || kind === 'azure-openai')) {
      issues.error(joinPath(path, 'apiKeySecret'), `is required for "${kind}": name the secret holding the key (e.g. "${name}") and set it with "Switchboard: Set API Key".`);
    }
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
