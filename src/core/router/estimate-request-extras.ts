import { ChatRequest } from '../model/chat-request';
import { toCanonicalImage } from '../model/to-canonical-call';
import { estimateImageTokens } from './estimate-image-tokens';

/** Prompt tokens a request carries beyond its message text: tools, schemas, tool calls, images. */
export interface RequestExtras {
  tokens: number;
  /** True when an image's size was unknown and its tokens were guessed. */
  imagesEstimated: boolean;
}

const chars = (value: unknown): number => Math.ceil(JSON.stringify(value).length / 4);

/**
 * Everything a provider bills as prompt besides the messages' text: tool
 * definitions (sent as a schema block), the structured-output schema, the
 * assistant's earlier tool calls and thinking blocks, and images by the image-token rule. Tool
 * results are message text and are counted with the messages.
 */
export function estimateRequestExtras(request: ChatRequest): RequestExtras {
  let tokens = 0;
  let imagesEstimated = false;
  if (request.tools !== undefined && request.tools.length > 0) tokens += chars(request.tools);
  if (request.response_format?.type === 'json_schema') tokens += chars(request.response_format.json_schema);
  for (const m of request.messages) {
    if (m.role === 'assistant') {
      for (const c of m.tool_calls ?? []) tokens += chars(c.function) + 4;
      // Thinking sent back in a tool loop is prompt too (the signature is not billed: its text is).
      for (const b of m.thinking_blocks ?? []) tokens += Math.ceil((b.type === 'thinking' ? b.thinking.length : b.data.length) / 4);
    }
    if (m.role === 'user' && typeof m.content !== 'string') {
      for (const p of m.content) {
        if (p.type !== 'image_url') continue;
        const image = estimateImageTokens(toCanonicalImage(p.image_url.url), p.image_url.detail);
        tokens += image.tokens;
        imagesEstimated ||= image.estimated;
      }
    }
  }
  return { tokens, imagesEstimated };
}
