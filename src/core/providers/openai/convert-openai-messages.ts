import type { ChatCompletionContentPart, ChatCompletionMessageParam } from 'openai/resources/chat/completions/completions';
import { CanonicalImage, CanonicalMessage, CanonicalUserPart } from '../../model/canonical-call';

/** A canonical image as the `image_url.url` OpenAI takes: the https URL, or the data URL rebuilt. */
export function openAIImageUrl(image: CanonicalImage): string {
  return image.kind === 'url' ? image.url : `data:${image.mediaType};base64,${image.data}`;
}

function userContent(parts: readonly CanonicalUserPart[]): string | ChatCompletionContentPart[] {
  // A lone text part goes as a plain string: every compatible server accepts that form.
  const only = parts[0];
  if (parts.length === 1 && only?.type === 'text') return only.text;
  return parts.map((p): ChatCompletionContentPart => {
    if (p.type === 'text') return { type: 'text', text: p.text };
    return { type: 'image_url', image_url: p.detail === undefined ? { url: openAIImageUrl(p.image) } : { url: openAIImageUrl(p.image), detail: p.detail } };
  });
}

/**
 * Canonical messages as Chat Completions messages: user parts as text /
 * `image_url` parts, assistant `tool_calls` (content null when there is no
 * text), `tool` messages with `tool_call_id`.
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages
 * @see https://platform.openai.com/docs/guides/function-calling
 */
export function convertOpenAIMessages(messages: readonly CanonicalMessage[]): ChatCompletionMessageParam[] {
  return messages.map((m): ChatCompletionMessageParam => {
    switch (m.role) {
      case 'system':
        return { role: 'system', content: m.text };
      case 'user':
        return { role: 'user', content: userContent(m.parts) };
      case 'assistant':
        if (m.toolCalls.length === 0) return { role: 'assistant', content: m.text };
        return {
          role: 'assistant',
          content: m.text === '' ? null : m.text,
          tool_calls: m.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })),
        };
      case 'tool':
        return { role: 'tool', tool_call_id: m.toolCallId, content: m.text };
    }
  });
}
