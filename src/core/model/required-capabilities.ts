import { Capabilities, CapabilityName } from './capabilities';
import { ChatRequest } from './chat-request';

/** What a deployment lacks to serve `request` (empty when it can). */
export function missingCapabilities(request: ChatRequest, caps: Capabilities): CapabilityName[] {
  const missing: CapabilityName[] = [];
  if ((request.tools ?? []).length > 0 && !caps.tools) missing.push('tools');
  if ((request.tools ?? []).length > 0 && request.parallel_tool_calls !== undefined && !caps.parallelTools) missing.push('parallelTools');
  if (request.response_format?.type === 'json_schema' && !caps.jsonSchema) missing.push('jsonSchema');
  const images = request.messages.some((m) => m.role === 'user' && typeof m.content !== 'string' && m.content.some((p) => p.type === 'image_url'));
  if (images && !caps.vision) missing.push('vision');
  if (request.max_tokens !== undefined && caps.maxOutputTokens !== undefined && request.max_tokens > caps.maxOutputTokens) missing.push('maxOutputTokens');
  return missing;
}

/** How each missing capability reads in an error or a record. */
export const CAPABILITY_LABEL: Readonly<Record<CapabilityName, string>> = {
  tools: 'tools (function calling)',
  parallelTools: 'the parallel_tool_calls switch',
  vision: 'image input (vision)',
  jsonSchema: 'json_schema structured output',
  maxOutputTokens: 'max_tokens this large',
};
