import type { ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions/completions';
import { ChatRequest } from '../../model/chat-request';
import { mapOpenAIMaxTokensParam } from './map-openai-max-tokens-param';
import { OpenAISettings } from './resolve-openai-settings';

/**
 * The canonical (OpenAI-shaped) request as a Chat Completions body: messages as
 * they are, sampling parameters only when set, and, when streaming, a request
 * for the usage chunk where the server accepts `stream_options`.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-stream_options
 */
export function convertOpenAIRequest(
  request: ChatRequest,
  model: string,
  stream: boolean,
  settings: Pick<OpenAISettings, 'flavour' | 'preset'>,
): ChatCompletionCreateParamsBase {
  const body: ChatCompletionCreateParamsBase = {
    model,
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
  };
  if (request.max_tokens !== undefined) body[mapOpenAIMaxTokensParam(settings.flavour, model)] = request.max_tokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.top_p !== undefined) body.top_p = request.top_p;
  if (request.stop !== undefined) body.stop = request.stop;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.presence_penalty !== undefined) body.presence_penalty = request.presence_penalty;
  if (request.frequency_penalty !== undefined) body.frequency_penalty = request.frequency_penalty;
  if (request.response_format !== undefined) {
    // Validated as an object upstream; its inner shape is the provider's to judge.
    body.response_format = request.response_format as unknown as NonNullable<ChatCompletionCreateParamsBase['response_format']>;
  }
  if (stream) {
    body.stream = true;
    if (settings.preset.streamUsage) body.stream_options = { include_usage: true };
  }
  return body;
}
