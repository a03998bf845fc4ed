/** At most `maxBytes` of a body, read as UTF-8; the rest is cancelled unread (the socket closes). */
export async function readCappedBody(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<{ text: string; truncated: boolean }> {
  if (!body) return { text: '', truncated: false };
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  try {
    while (size < maxBytes) {
      const { value, done } = await reader.read();
      if (done) break;
      const room = maxBytes - size;
      parts.push(value.length > room ? value.subarray(0, room) : value);
      size += Math.min(value.length, room);
      if (value.length > room) truncated = true;
    }
    if (size >= maxBytes && !truncated) {
      // Exactly full: one more read tells whether anything followed.
      const next = await reader.read();
      truncated = !next.done;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  // `fatal: false`: a cut inside a multi-byte character becomes U+FFFD, not an exception.
  return { text: new TextDecoder().decode(Buffer.concat(parts)), truncated };
}

const TITLE = /<title[^>]*>([\s\S]*?)<\/title>/i;

/**
 * What an HTML page (a proxy's 502, a captive portal, a login page) says, in
 * one short line: its `<title>`, else the start of its text.
 */
export function summarizeHtml(html: string): string {
  const title = TITLE.exec(html)?.[1];
  const text = (title ?? html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' '))
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** A `Content-Type` that says HTML (a proxy's or portal's page, not an API answer). */
export function isHtmlType(contentType: string): boolean {
  return /\btext\/html\b/i.test(contentType);
}

export function looksLikeHtml(contentType: string, text: string): boolean {
  return isHtmlType(contentType) || /^\s*<(!doctype html|html|head|body)\b/i.test(text);
}
