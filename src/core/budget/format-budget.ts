import { formatUsd } from '../model/format-usd';
import { formatResetTime } from './format-reset-time';

/** One sentence naming the budget, spend, limit, this request's worst case and the reset time. */
export function usageLine(budget: string, spentUsd: number, reservedUsd: number, limitUsd: number, worstCaseUsd: number, resetsAt: number): string {
  const inFlight = reservedUsd > 0 ? ` (+${formatUsd(reservedUsd)} reserved by requests in flight)` : '';
  return `the ${budget} budget has ${formatUsd(spentUsd)} spent${inFlight} of its ${formatUsd(limitUsd)} limit; this request could cost up to ${formatUsd(worstCaseUsd)}. It resets at ${formatResetTime(resetsAt)}.`;
}
