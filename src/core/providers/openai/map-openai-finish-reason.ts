import { FinishReason, UnifiedFinishReason } from '../../model/finish-reason';

/**
 * Chat Completions `finish_reason` → unified reason, keeping the raw value.
 * `function_call` is the deprecated spelling of `tool_calls`.
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-choices
 */
export function mapOpenAIFinishReason(raw: string | undefined, hasToolCalls = false): FinishReason {
  // Some servers (Ollama, older vLLM) end a tool-call answer with "stop": it is still a tool-call answer.
  const unified: UnifiedFinishReason = hasToolCalls && (raw === 'stop' || raw === undefined) ? 'tool-calls' : toUnified(raw);
  return raw === undefined ? { unified } : { unified, raw };
}

function toUnified(raw: string | undefined): UnifiedFinishReason {
  switch (raw) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'content_filter':
      return 'content-filter';
    case 'tool_calls':
    case 'function_call':
      return 'tool-calls';
    default:
      return 'other';
  }
}
