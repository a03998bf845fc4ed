/** Why generation stopped, normalised, with the provider's own value kept. */
export type UnifiedFinishReason = 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error' | 'other';

export interface FinishReason {
  unified: UnifiedFinishReason;
  /** The provider's raw value (`end_turn`, `max_tokens`, `stop`...), if it sent one. */
  raw?: string;
}
