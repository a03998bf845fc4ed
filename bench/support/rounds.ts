/**
 * Summaries of interleaved benchmark rounds: pooled percentiles per client, the
 * median of its round medians with the spread, and the added time against the
 * baseline client measured in the same rounds.
 */
import { median, stats } from './bench-utils';

/** One round: client name -> samples (ms). */
export type RoundSamples = Map<string, number[]>;

export interface ClientSummary {
  name: string;
  label: string;
  n: number;
  p50: number;
  p99: number;
  roundMedian: number;
  roundMin: number;
  roundMax: number;
  /** Median over rounds of (this round median − baseline round median), µs; 0 for the baseline. */
  addedUs: number;
  addedMinUs: number;
  addedMaxUs: number;
}

export function summarise(clients: readonly { name: string; label: string }[], rounds: readonly RoundSamples[], baseline = 'baseline'): ClientSummary[] {
  const baseMedians = rounds.map((r) => median(r.get(baseline) ?? []));
  return clients.map((c) => {
    const all = rounds.flatMap((r) => r.get(c.name) ?? []);
    const medians = rounds.map((r) => median(r.get(c.name) ?? []));
    const added = medians.map((m, i) => (m - (baseMedians[i] ?? NaN)) * 1000);
    const s = stats(all);
    return {
      name: c.name,
      label: c.label,
      n: s.n,
      p50: s.p50,
      p99: s.p99,
      roundMedian: median(medians),
      roundMin: Math.min(...medians),
      roundMax: Math.max(...medians),
      addedUs: median(added),
      addedMinUs: Math.min(...added),
      addedMaxUs: Math.max(...added),
    };
  });
}
