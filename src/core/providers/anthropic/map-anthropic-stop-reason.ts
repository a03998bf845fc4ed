import { FinishReason } from '../../model/finish-reason';
import { AnthropicReadOptions } from './anthropic-read-options';

/**
 * Anthropic `stop_reason` to the unified finish reason; the raw value is kept.
 * `pause_turn` (a server tool paused a long turn) and unknown values are `other`.
 * @see https://docs.anthropic.com/en/api/handling-stop-reasons
 */
export function mapAnthropicStopReason(raw: string | null | undefined, read: AnthropicReadOptions = {}): FinishReason {
  if (raw === null || raw === undefined) return { unified: 'other' };
  // A JSON answer forced through a tool ends with tool_use; for the caller it is a finished answer.
  if (raw === 'tool_use' && read.jsonToolName !== undefined) return { unified: 'stop', raw };
  switch (raw) {
    case 'end_turn':
    case 'stop_sequence':
      return { unified: 'stop', raw };
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return { unified: 'length', raw };
    case 'tool_use':
      return { unified: 'tool-calls', raw };
    case 'refusal':
      return { unified: 'content-filter', raw };
    default:
      return { unified: 'other', raw };
  }
}
