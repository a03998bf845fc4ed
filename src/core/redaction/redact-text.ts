import { SECRET_CANDIDATE, SECRET_PATTERNS, SecretKind } from './secret-patterns';

export type SecretCounts = Partial<Record<SecretKind, number>>;

/** The placeholder a secret of this kind becomes: stable, so the same prompt keeps the same cache key. */
export function placeholder(kind: SecretKind): string {
  return `[REDACTED:${kind}]`;
}

/** Stored keys shorter than this are not looked for (they would match ordinary text). */
const MIN_KNOWN_LENGTH = 8;

/**
 * `text` with every key-shaped string, and every one of the user's `known`
 * keys, replaced by a placeholder naming its kind; `counts` adds up what was
 * replaced. Text without secrets comes back as the same string.
 */
export function redactText(text: string, known: readonly string[], counts: SecretCounts): string {
  const add = (kind: SecretKind, n = 1): void => {
    counts[kind] = (counts[kind] ?? 0) + n;
  };
  let out = text;
  for (const key of known) {
    if (key.length < MIN_KNOWN_LENGTH || !out.includes(key)) continue;
    const parts = out.split(key);
    add('stored-key', parts.length - 1);
    out = parts.join(placeholder('stored-key'));
  }
  if (!SECRET_CANDIDATE.test(out)) return out;
  for (const { kind, pattern, group } of SECRET_PATTERNS) {
    pattern.lastIndex = 0;
    if (!pattern.test(out)) continue;
    out = out.replace(pattern, (match: string, ...groups: unknown[]) => {
      add(kind);
      if (group === undefined) return placeholder(kind);
      const secret = groups[group - 1];
      return typeof secret === 'string' ? match.slice(0, match.length - secret.length) + placeholder(kind) : placeholder(kind);
    });
  }
  return out;
}
