import { FinishReason } from './finish-reason';
import { ThinkingBlock } from './thinking-block';
import { Usage } from './usage';

/**
 * What a provider adapter yields, for streamed and non-streamed calls alike (a
 * JSON answer is replayed as parts). Failures are thrown as SwitchboardError.
 */
export type ProviderPart =
  | { type: 'text-delta'; text: string }
  | { type: 'reasoning-delta'; text: string }
  /** A finished, signed reasoning block (Anthropic) for the caller to send back in a tool loop; its text came as reasoning deltas. */
  | { type: 'thinking-block'; block: ThinkingBlock }
  /** A tool call begins (streamed answers); `index` orders the calls of one answer. */
  | { type: 'tool-call-start'; index: number; id: string; name: string }
  /** A fragment of a forming call's JSON arguments. */
  | { type: 'tool-call-delta'; index: number; id: string; argumentsDelta: string }
  /** A complete call (streamed or not): arguments are a JSON string. */
  | { type: 'tool-call'; id: string; name: string; arguments: string }
  /** Usage as reported by the provider (may arrive before or after finish). */
  | { type: 'usage'; usage: Usage }
  | { type: 'finish'; finishReason: FinishReason };
