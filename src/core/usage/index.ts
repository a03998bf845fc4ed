export { estimateRequestTokens, estimateTokens } from './estimate-tokens';
export { finalizeUsage } from './finalize-usage';
