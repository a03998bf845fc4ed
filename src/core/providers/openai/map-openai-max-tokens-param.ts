/**
 * Which field carries the output-token cap. OpenAI's reasoning models
 * (o1, o3, o4-mini, gpt-5...) reject `max_tokens` with `unsupported_parameter`
 * and require `max_completion_tokens`; every compatible server still reads
 * `max_tokens`. Azure deployments are matched by name, which works when the
 * deployment is named after its model (the common convention).
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-max_completion_tokens
 * @see https://learn.microsoft.com/azure/ai-services/openai/how-to/reasoning#api--feature-support
 */
export function mapOpenAIMaxTokensParam(flavour: 'openai' | 'compatible' | 'azure', model: string): 'max_tokens' | 'max_completion_tokens' {
  if (flavour === 'compatible') return 'max_tokens';
  return /^(o\d|gpt-5)/i.test(model) ? 'max_completion_tokens' : 'max_tokens';
}
