import type { SecretCounts } from '../redaction/redact-text';
import { CallRecord } from './call-record';
import { ErrorKind } from './error-kind';
import { SwitchboardError } from './switchboard-error';
import { ThinkingBlock } from './thinking-block';

/** A notice about routing the caller may show ("rate limited on A, trying B"). */
export type AttemptNotice =
  | { kind: 'retry'; deploymentId: string; delayMs: number; reason: ErrorKind }
  | { kind: 'fallback'; from: string; to: string; reason: ErrorKind }
  | { kind: 'waiting'; delayMs: number; reason: 'all_cooling' | 'queue' }
  | { kind: 'restart'; from: string; to: string; reason: ErrorKind }
  /** Answered from the cache; a semantic hit says how close and to which earlier prompt, for audit. */
  | { kind: 'cache-hit'; semantic: boolean; similarity?: number; matchedPrompt?: string }
  /** A budget is near its limit, or this request was downgraded to stay under it. */
  | { kind: 'budget'; message: string }
  /** Secrets in the prompt were replaced by placeholders before sending (S8): how many, of which kinds. */
  | { kind: 'redacted'; count: number; secrets: SecretCounts };

/**
 * What `Orchestrator.stream` yields. Exactly one terminal event ends every
 * stream: `done` (status ok or incomplete) or `error` (with the record).
 */
export type StreamEvent =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  /** A finished, signed reasoning block (Anthropic) to send back on the assistant message in a tool loop (see ThinkingBlock). */
  | { type: 'thinking-block'; block: ThinkingBlock }
  /** A tool call begins forming (streamed answers), so a caller can show it early. */
  | { type: 'tool-call-start'; index: number; id: string; name: string }
  /** A fragment of the forming call's JSON arguments. */
  | { type: 'tool-call-delta'; index: number; id: string; argumentsDelta: string }
  /** The call is complete; the `tool-call` event with its whole arguments follows at once. */
  | { type: 'tool-call-end'; index: number; id: string }
  /** One complete tool call (arguments a JSON string), streamed or not. */
  | { type: 'tool-call'; id: string; name: string; arguments: string }
  | { type: 'attempt'; notice: AttemptNotice }
  | { type: 'done'; record: CallRecord; content: string }
  | { type: 'error'; error: SwitchboardError; record: CallRecord; content: string };
