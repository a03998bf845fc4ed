/**
 * Where a key may be sent (S12): remote endpoints must use https; plain http is
 * allowed only to loopback hosts (Ollama, LM Studio, vLLM on this machine).
 */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * A URL that failed to parse, safe to echo in an error (shown in a popup,
 * logged, sent to the chat view): people paste keys into URLs
 * (`?key=…`, `https://sk-…@host`), so the query, any user-info and every
 * long token-like run are dropped, and the rest is clipped.
 */
export function scrubUrlForDisplay(raw: string): string {
  const shown = raw
    .trim()
    .replace(/[?#][\s\S]*$/, '?[removed]')
    .replace(/^([^/]*\/\/)?[^/@\s]*@/, '$1[removed]@')
    .replace(/[A-Za-z0-9_\-.~+/=]{20,}/g, (run) => (/\d/.test(run) && /[A-Za-z]/.test(run) && !/^[a-z.-]+$/i.test(run) ? '[removed]' : run));
  return shown.length > 100 ? `${shown.slice(0, 100)}…` : shown;
}

export type EndpointCheck = { ok: true; url: URL } | { ok: false; reason: string };

export function checkEndpoint(raw: string): EndpointCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: `"${scrubUrlForDisplay(raw)}" is not a valid URL; write it like "https://api.example.com/v1".` };
  }
  if (url.username || url.password) {
    return { ok: false, reason: 'must not contain credentials; store keys with "Switchboard: Set API Key".' };
  }
  if (url.protocol === 'https:') return { ok: true, url };
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return { ok: true, url };
  if (url.protocol === 'http:') {
    return { ok: false, reason: `uses plain http to a remote host (${url.hostname}); use https (http is allowed only for localhost/127.0.0.1).` };
  }
  return { ok: false, reason: `has unsupported scheme "${url.protocol}"; use https:// (or http:// for localhost).` };
}
