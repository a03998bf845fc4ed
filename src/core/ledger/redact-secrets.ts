/**
 * Records never carry keys, but an error message is the provider's text, and
 * some providers echo part of a rejected key ("Incorrect API key provided:
 * sk-proj-…"). Free-text fields are scrubbed before they reach the ledger.
 */
const TOKEN_PATTERNS: readonly RegExp[] = [
  /\b(?:sk|rk|pk)-[A-Za-z0-9_*-]{8,}/g, // OpenAI (sk-, sk-proj-), Anthropic (sk-ant-…)
  /\bgsk_[A-Za-z0-9]{8,}/g, // Groq
  /\bxai-[A-Za-z0-9]{8,}/g, // xAI
  /\bAIza[0-9A-Za-z_-]{20,}/g, // Google
];
const SCHEME = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
const ASSIGNMENT = /\b(api[_-]?key|x-api-key|authorization|token)(["']?\s*[:=]\s*["']?)[^\s"',;]{6,}/gi;

/** `text` with key-like substrings (and any of the `known` secrets) replaced by `[redacted]`. */
export function redactSecrets(text: string, known: readonly string[] = []): string {
  let out = text;
  for (const secret of known) if (secret.length >= 6) out = out.split(secret).join('[redacted]');
  for (const p of TOKEN_PATTERNS) out = out.replace(p, '[redacted]');
  out = out.replace(SCHEME, (_m, scheme: string) => `${scheme} [redacted]`);
  return out.replace(ASSIGNMENT, (_m, name: string, sep: string) => `${name}${sep}[redacted]`);
}
