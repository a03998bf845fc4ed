/**
 * A model's reasoning block as Anthropic returns it, signed. With extended
 * thinking and tools, the assistant turn that called a tool must be sent back
 * with its thinking blocks first and unmodified, or the next request is refused
 * ("expected thinking or redacted_thinking"). Callers get them in
 * `ChatResult.thinkingBlocks` (and `thinking-block` stream events) and send them
 * back on the assistant message as `thinking_blocks` (LiteLLM's name for it).
 * Providers that have no such thing ignore them.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#preserving-thinking-blocks
 */
export type ThinkingBlock = { type: 'thinking'; thinking: string; signature: string } | { type: 'redacted_thinking'; data: string };
