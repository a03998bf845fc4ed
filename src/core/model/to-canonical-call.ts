import { CanonicalCall, CanonicalImage, CanonicalMessage, CanonicalUserPart, OutputFormat } from './canonical-call';
import { ChatMessage, ChatRequest, ChatToolChoice, ContentPart } from './chat-request';
import { messageText } from './message-text';

const DATA_URL = /^data:([a-z]+\/[a-z0-9.+-]+);base64,(.*)$/is;

/** A validated image URL as a canonical image: data URLs split into media type and base64. */
export function toCanonicalImage(url: string): CanonicalImage {
  const m = DATA_URL.exec(url);
  return m ? { kind: 'base64', mediaType: (m[1] as string).toLowerCase(), data: m[2] as string } : { kind: 'url', url };
}

function userParts(content: string | ContentPart[]): CanonicalUserPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return content.map((p): CanonicalUserPart => {
    if (p.type === 'text') return { type: 'text', text: p.text };
    const part: CanonicalUserPart = { type: 'image', image: toCanonicalImage(p.image_url.url) };
    if (p.image_url.detail !== undefined) part.detail = p.image_url.detail;
    return part;
  });
}

function toMessage(m: ChatMessage): CanonicalMessage {
  switch (m.role) {
    case 'system':
      return { role: 'system', text: messageText(m) };
    case 'user':
      return { role: 'user', parts: userParts(m.content) };
    case 'assistant':
      return { role: 'assistant', text: messageText(m), toolCalls: (m.tool_calls ?? []).map((c) => ({ id: c.id, name: c.function.name, arguments: c.function.arguments })), thinkingBlocks: m.thinking_blocks ?? [] };
    case 'tool':
      return { role: 'tool', toolCallId: m.tool_call_id, text: messageText(m) };
  }
}

function toolChoice(choice: ChatToolChoice): CanonicalCall['toolChoice'] {
  return typeof choice === 'string' ? { type: choice } : { type: 'tool', name: choice.function.name };
}

function outputFormat(request: ChatRequest): OutputFormat {
  const f = request.response_format;
  if (f === undefined || f.type === 'text') return { type: 'text' };
  if (f.type === 'json_object') return { type: 'json' };
  const out: OutputFormat = { type: 'json_schema', name: f.json_schema.name, schema: f.json_schema.schema, strict: f.json_schema.strict === true };
  if (f.json_schema.description !== undefined) out.description = f.json_schema.description;
  return out;
}

/** A validated public request as the call adapters receive (no alias, no cache options). */
export function toCanonicalCall(request: ChatRequest): CanonicalCall {
  const call: CanonicalCall = {
    messages: request.messages.map(toMessage),
    tools: (request.tools ?? []).map((t) => {
      const tool: CanonicalCall['tools'][number] = { name: t.function.name, parameters: t.function.parameters ?? { type: 'object', properties: {} } };
      if (t.function.description !== undefined) tool.description = t.function.description;
      if (t.function.strict !== undefined) tool.strict = t.function.strict;
      return tool;
    }),
    output: outputFormat(request),
    sampling: {},
    providerOptions: request.provider_options ?? {},
  };
  if (request.tool_choice !== undefined) call.toolChoice = toolChoice(request.tool_choice);
  if (request.parallel_tool_calls !== undefined) call.parallelToolCalls = request.parallel_tool_calls;
  const s = call.sampling;
  if (request.temperature !== undefined) s.temperature = request.temperature;
  if (request.top_p !== undefined) s.topP = request.top_p;
  if (request.max_tokens !== undefined) s.maxTokens = request.max_tokens;
  if (request.stop !== undefined) s.stop = typeof request.stop === 'string' ? [request.stop] : request.stop;
  if (request.seed !== undefined) s.seed = request.seed;
  if (request.presence_penalty !== undefined) s.presencePenalty = request.presence_penalty;
  if (request.frequency_penalty !== undefined) s.frequencyPenalty = request.frequency_penalty;
  return call;
}
