/** Why a text cannot be sent as code, or nothing when it can. */
export type TextProblem = { kind: 'binary' } | { kind: 'empty' } | { kind: 'too-large'; chars: number; limit: number };

/**
 * Binary content decoded as text shows NULs or many replacement characters /
 * control codes; sending it wastes money and confuses the model.
 */
export function inspectText(text: string, maxChars: number): TextProblem | undefined {
  if (text.trim() === '') return { kind: 'empty' };
  if (text.includes('\u0000')) return { kind: 'binary' };
  const sample = text.slice(0, 8192);
  let odd = 0;
  for (const ch of sample) {
    const c = ch.charCodeAt(0);
    if (ch === '\uFFFD' || (c < 32 && ch !== '\n' && ch !== '\r' && ch !== '\t' && ch !== '\f')) odd++;
  }
  if (odd / sample.length > 0.05) return { kind: 'binary' };
  if (text.length > maxChars) return { kind: 'too-large', chars: text.length, limit: maxChars };
  return undefined;
}
