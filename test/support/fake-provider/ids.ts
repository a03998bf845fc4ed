import { randomBytes } from 'node:crypto';

/** Random ids in each provider's style. */
export function openaiCompletionId(): string {
  return `chatcmpl-${randomBytes(15).toString('base64url').replace(/[-_]/g, 'x')}`;
}

export function anthropicMessageId(): string {
  return `msg_01${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
}

export function openaiRequestId(): string {
  return `req_${randomBytes(16).toString('hex')}`;
}

export function anthropicRequestId(): string {
  return `req_011C${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
}
