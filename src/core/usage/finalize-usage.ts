import { ChatMessage } from '../model/chat-request';
import { Usage } from '../model/usage';
import { CountPieces, estimateTokensOffThread, requestTexts, requestTokensFromCounts } from './estimate-tokens';
import { tokenCountWorker } from './token-count-worker';

const clean = (v: number): number => (Number.isFinite(v) && v > 0 ? Math.round(v) : 0);

/**
 * The usage to record for a finished (or cut) answer. A provider's report wins;
 * where it reported nothing (a stream cut before its usage chunk, a server that
 * never sends usage) or an impossible zero (no prompt tokens; no output tokens
 * for a non-empty answer), that part is counted locally and the result is
 * flagged `estimated: true`. Never a silent 0.
 *
 * `complete` false (a cut, failed or cancelled answer): a report that arrived
 * before the end is not final (Anthropic's `message_start` says `output_tokens: 1`
 * whatever follows), so the output is at least what the received text counts.
 *
 * Counting runs on the tokenizer's worker thread (`count`), only when needed:
 * a provider's complete report costs nothing.
 */
/**
 * The provider's report, cleaned, when nothing in it needs counting locally
 * (the common case); undefined when `finalizeUsage` has to count. Lets a caller
 * skip an await per request.
 */
export function reportedUsage(reported: Usage | undefined, outputText: string, complete: boolean): Usage | undefined {
  if (reported === undefined || (!complete && outputText.length > 0)) return undefined;
  const usage: Usage = {
    inputTokens: clean(reported.inputTokens),
    outputTokens: clean(reported.outputTokens),
    cacheReadTokens: clean(reported.cacheReadTokens),
    cacheWriteTokens: clean(reported.cacheWriteTokens),
    reasoningTokens: clean(reported.reasoningTokens),
    estimated: reported.estimated,
  };
  if (usage.inputTokens === 0 || usage.inputTokens < usage.cacheReadTokens + usage.cacheWriteTokens) return undefined;
  if (usage.outputTokens === 0 && outputText.length > 0) return undefined;
  if (usage.reasoningTokens > usage.outputTokens) usage.reasoningTokens = usage.outputTokens;
  return usage;
}

export async function finalizeUsage(
  reported: Usage | undefined,
  request: { messages: readonly ChatMessage[] },
  outputText: string,
  complete = true,
  count: CountPieces = (pieces) => tokenCountWorker.count(pieces),
): Promise<Usage> {
  const estimateRequestTokens = async (messages: readonly ChatMessage[]): Promise<number> => requestTokensFromCounts(await estimateTokensOffThread(requestTexts(messages), count));
  const estimateTokens = async (text: string): Promise<number> => (await estimateTokensOffThread([text], count))[0] ?? 0;
  if (reported === undefined) {
    const [inputTokens, outputTokens] = await Promise.all([estimateRequestTokens(request.messages), estimateTokens(outputText)]);
    return {
      inputTokens,
      outputTokens,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      estimated: true,
    };
  }
  const usage: Usage = {
    inputTokens: clean(reported.inputTokens),
    outputTokens: clean(reported.outputTokens),
    cacheReadTokens: clean(reported.cacheReadTokens),
    cacheWriteTokens: clean(reported.cacheWriteTokens),
    reasoningTokens: clean(reported.reasoningTokens),
    estimated: reported.estimated,
  };
  const cached = usage.cacheReadTokens + usage.cacheWriteTokens;
  if (usage.inputTokens === 0 || usage.inputTokens < cached) {
    usage.inputTokens = Math.max(await estimateRequestTokens(request.messages), cached);
    usage.estimated = true;
  }
  if (usage.outputTokens === 0 && outputText.length > 0) {
    usage.outputTokens = (await estimateTokens(outputText)) + usage.reasoningTokens;
    usage.estimated = true;
  }
  if (!complete && outputText.length > 0) {
    const counted = await estimateTokens(outputText);
    if (counted > usage.outputTokens) {
      usage.outputTokens = counted;
      usage.estimated = true;
    }
  }
  if (usage.reasoningTokens > usage.outputTokens) usage.reasoningTokens = usage.outputTokens;
  return usage;
}
