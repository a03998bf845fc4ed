export { convertAnthropicUsage, type AnthropicUsageLike } from './convert-anthropic-usage';
export { convertOpenAIUsage, type OpenAIUsageLike } from './convert-openai-usage';
export { estimateRequestTokens, estimateTokens } from './estimate-tokens';
export { finalizeUsage } from './finalize-usage';
