import { IssueList, checkNumber, checkUnknownKeys, isRecord, joinPath } from './config-issues';

const GUARD_KEYS = ['defaultMaxTokens', 'maxInputChars', 'maxOutputChars', 'maxOutputTokens', 'loop'] as const;

function checkBoolean(issues: IssueList, obj: Record<string, unknown>, key: string, path: string, hint: string): void {
  const v = obj[key];
  if (v !== undefined && typeof v !== 'boolean') issues.error(joinPath(path, key), `must be true or false; got ${JSON.stringify(v)}. ${hint}`);
}

/** `guards` (S9): every cap a positive integer within sane bounds. */
export function validateGuards(raw: unknown, issues: IssueList): void {
  if (raw === undefined) return;
  if (!isRecord(raw)) return issues.error('guards', `must be an object with any of ${GUARD_KEYS.join(', ')}.`);
  checkUnknownKeys(issues, raw, GUARD_KEYS, 'guards');
  checkNumber(issues, raw, 'defaultMaxTokens', 'guards', { min: 1, max: 1_000_000, integer: true, hint: 'Output tokens sent when a request sets no max_tokens, e.g. 4096.' });
  checkNumber(issues, raw, 'maxInputChars', 'guards', { min: 1, max: 100_000_000, integer: true, hint: 'Largest prompt in characters, e.g. 4000000.' });
  checkNumber(issues, raw, 'maxOutputChars', 'guards', { min: 1, max: 100_000_000, integer: true, hint: 'Largest answer in characters, e.g. 1048576.' });
  checkNumber(issues, raw, 'maxOutputTokens', 'guards', { min: 1, max: 10_000_000, integer: true, hint: 'Largest answer in tokens, e.g. 131072.' });
  const loop = raw.loop;
  if (loop === undefined) return;
  const path = joinPath('guards', 'loop');
  if (!isRecord(loop)) return issues.error(path, 'must be an object like { "enabled": true, "maxRepeats": 50 }.');
  checkUnknownKeys(issues, loop, ['enabled', 'maxRepeats'], path);
  checkBoolean(issues, loop, 'enabled', path, 'false turns the repeated-output guard off.');
  checkNumber(issues, loop, 'maxRepeats', path, { min: 2, max: 100_000, integer: true, hint: 'Repeats of one chunk, line or pattern that end the answer, e.g. 50.' });
}

/** `redaction` (S8): `{ enabled }`. */
export function validateRedaction(raw: unknown, issues: IssueList): void {
  if (raw === undefined) return;
  if (!isRecord(raw)) return issues.error('redaction', 'must be an object like { "enabled": true }.');
  checkUnknownKeys(issues, raw, ['enabled'], 'redaction');
  checkBoolean(issues, raw, 'enabled', 'redaction', 'false sends prompts without replacing key-shaped strings.');
}
