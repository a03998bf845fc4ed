/** Kinds of secret the redaction stage recognises (S8); each becomes its own placeholder. */
export type SecretKind =
  | 'private-key'
  | 'openai-key'
  | 'anthropic-key'
  | 'groq-key'
  | 'xai-key'
  | 'google-key'
  | 'aws-access-key'
  | 'aws-secret-key'
  | 'github-token'
  | 'slack-token'
  | 'jwt'
  | 'stored-key';

/** What the user reads in the notice. */
export const SECRET_LABELS: Readonly<Record<SecretKind, string>> = {
  'private-key': 'private key (PEM)',
  'openai-key': 'OpenAI key',
  'anthropic-key': 'Anthropic key',
  'groq-key': 'Groq key',
  'xai-key': 'xAI key',
  'google-key': 'Google API key',
  'aws-access-key': 'AWS access key id',
  'aws-secret-key': 'AWS secret access key',
  'github-token': 'GitHub token',
  'slack-token': 'Slack token',
  jwt: 'JSON Web Token',
  'stored-key': 'stored Switchboard key',
};

export interface SecretPattern {
  kind: SecretKind;
  pattern: RegExp;
  /** Capture group holding the secret when the match also has context (an assignment); whole match otherwise. */
  group?: number;
}

/**
 * Key shapes, most specific first (a PEM block may contain anything; `sk-ant-`
 * before `sk-`). Random key bodies contain a digit: the lookaheads keep
 * prose and identifiers such as `sk-learn-preprocessing` out.
 */
export const SECRET_PATTERNS: readonly SecretPattern[] = [
  { kind: 'private-key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g },
  { kind: 'anthropic-key', pattern: /\bsk-ant-(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{20,}/g },
  { kind: 'openai-key', pattern: /\bsk-(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{20,}/g },
  { kind: 'groq-key', pattern: /\bgsk_[A-Za-z0-9]{20,}/g },
  { kind: 'xai-key', pattern: /\bxai-(?=[A-Za-z0-9]*\d)[A-Za-z0-9]{20,}/g },
  { kind: 'google-key', pattern: /\bAIza[0-9A-Za-z_-]{35}/g },
  { kind: 'aws-access-key', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g },
  { kind: 'aws-secret-key', pattern: /\b(aws_?secret_?access_?key|secretAccessKey|SecretAccessKey)(["']?\s*[:=]\s*["']?)([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi, group: 3 },
  { kind: 'github-token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})/g },
  { kind: 'slack-token', pattern: /\b(?:xox[abposr]-[A-Za-z0-9-]{10,}|xapp-\d-[A-Za-z0-9-]{10,})/g },
  { kind: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{10,}/g },
];

/**
 * Where any of {@link SECRET_PATTERNS} could match: each pattern's fixed start,
 * case folded (so it finds a superset). One scan of a prompt with no candidate
 * instead of one per pattern: most prompts have none, and on a loopback call
 * the eleven scans were a visible part of what Switchboard adds (issue 15).
 * `redact-text.test.ts` holds it to the patterns on random text.
 */
export const SECRET_CANDIDATE = /-----BEGIN |sk-|gsk_|xai-|aiza|akia|asia|abia|acca|gh[pousr]_|github_pat_|xox[abposr]-|xapp-|eyj|secret_?access_?key/i;
