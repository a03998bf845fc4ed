/**
 * Header names that carry a credential. Such headers are never taken from
 * settings (they would sit in plain text in settings.json, and a shared
 * settings file could swap the user's key) nor from the environment
 * (`OPENAI_CUSTOM_HEADERS` / `ANTHROPIC_CUSTOM_HEADERS`, which the SDKs merge
 * over the key they were given): the adapter sets the one it needs itself.
 * @see https://developers.cloudflare.com/ai-gateway/configuration/authentication/
 * @see https://docs.helicone.ai/getting-started/quick-start
 * @see https://learn.microsoft.com/azure/api-management/api-management-subscriptions
 */
const NAMED: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'api-key',
  'x-goog-api-key',
  'cf-aig-authorization',
  'helicone-auth',
  'ocp-apim-subscription-key',
  'cookie',
]);

export function isCredentialHeaderName(name: string): boolean {
  const n = name.trim().toLowerCase();
  return NAMED.has(n) || n.endsWith('-key') || n.endsWith('_key') || n.includes('auth') || n.includes('token') || n.includes('secret');
}

/** The secret values in a request's credential headers (`Bearer x` → `x`), to scrub from anything echoed back. */
export function credentialValues(headers: Headers): string[] {
  const out: string[] = [];
  headers.forEach((value, name) => {
    if (!isCredentialHeaderName(name)) return;
    const v = value.replace(/^(Bearer|Basic)\s+/i, '').trim();
    if (v.length >= 6) out.push(v);
  });
  return out;
}
