import { createHash } from 'node:crypto';

export const LEDGER_SUFFIX = '.ledger.jsonl';

/** A safe, stable file name per workspace id: a readable prefix plus a hash (ids may be paths or URIs). */
export function ledgerFileName(workspaceId: string): string {
  const readable = workspaceId.replace(/[^A-Za-z0-9._-]+/g, '_').slice(-40).replace(/^[._]+/, '');
  const hash = createHash('sha256').update(workspaceId).digest('hex').slice(0, 12);
  return `${readable || 'workspace'}-${hash}${LEDGER_SUFFIX}`;
}
