import { FinishReason } from './finish-reason';
import { Usage } from './usage';

/**
 * What a provider adapter yields, for streamed and non-streamed calls alike (a
 * JSON answer is replayed as parts). Failures are thrown as SwitchboardError.
 */
export type ProviderPart =
  | { type: 'text-delta'; text: string }
  | { type: 'reasoning-delta'; text: string }
  | { type: 'tool-call'; id: string; name: string; arguments: string }
  /** Usage as reported by the provider (may arrive before or after finish). */
  | { type: 'usage'; usage: Usage }
  | { type: 'finish'; finishReason: FinishReason };
