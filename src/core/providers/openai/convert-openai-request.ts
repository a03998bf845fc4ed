import type { ChatCompletionCreateParamsBase } from 'openai/resources/chat/completions/completions';
import { CanonicalCall } from '../../model/canonical-call';
import { convertOpenAIMessages } from './convert-openai-messages';
import { convertOpenAITools } from './convert-openai-tools';
import { mapOpenAIMaxTokensParam } from './map-openai-max-tokens-param';
import { OpenAISettings } from './resolve-openai-settings';

/**
 * The canonical call as a Chat Completions body: messages, tools and output
 * format, sampling parameters only when set, OpenAI's own options
 * (`reasoning_effort`, `service_tier`) when given, and, when streaming, a
 * request for the usage chunk where the server accepts `stream_options`.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-stream_options
 */
export function convertOpenAIRequest(
  call: CanonicalCall,
  model: string,
  stream: boolean,
  settings: Pick<OpenAISettings, 'flavour' | 'preset'>,
): ChatCompletionCreateParamsBase {
  const body: ChatCompletionCreateParamsBase = { model, messages: convertOpenAIMessages(call.messages), ...convertOpenAITools(call, settings.preset) };
  const s = call.sampling;
  if (s.maxTokens !== undefined) body[mapOpenAIMaxTokensParam(settings.flavour, model)] = s.maxTokens;
  if (s.temperature !== undefined) body.temperature = s.temperature;
  if (s.topP !== undefined) body.top_p = s.topP;
  if (s.stop !== undefined) body.stop = s.stop;
  if (s.seed !== undefined) body.seed = s.seed;
  if (s.presencePenalty !== undefined) body.presence_penalty = s.presencePenalty;
  if (s.frequencyPenalty !== undefined) body.frequency_penalty = s.frequencyPenalty;
  const options = call.providerOptions.openai;
  if (options?.reasoning_effort !== undefined) body.reasoning_effort = options.reasoning_effort;
  if (options?.service_tier !== undefined) body.service_tier = options.service_tier;
  if (stream) {
    body.stream = true;
    if (settings.preset.streamUsage) body.stream_options = { include_usage: true };
  }
  return body;
}
