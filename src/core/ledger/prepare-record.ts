import { CallRecord } from '../model/call-record';
import { redactSecrets } from './redact-secrets';

/** The record as stored: stamped with its workspace, free text scrubbed of anything key-like. */
export function prepareRecord(record: CallRecord, workspaceId: string, secrets: readonly string[]): CallRecord {
  const out: CallRecord = record.workspace === undefined ? { ...record, workspace: workspaceId } : { ...record };
  if (out.errorMessage !== undefined) out.errorMessage = redactSecrets(out.errorMessage, secrets);
  if (out.origin !== undefined && secrets.length > 0) out.origin = redactSecrets(out.origin, secrets);
  return out;
}
