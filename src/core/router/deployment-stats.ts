import { ErrorKind } from '../model/error-kind';

const WINDOW = 100;
/** Outcomes older than this do not count towards the recent error rate. */
const ERROR_RATE_WINDOW_MS = 300_000;

export interface AttemptSample {
  at: number;
  ok: boolean;
  latencyMs: number;
  ttftMs?: number;
  errorKind?: ErrorKind;
}

function ewma(previous: number | undefined, sample: number, alpha: number): number {
  return previous === undefined ? sample : alpha * sample + (1 - alpha) * previous;
}

function percentile(values: number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

/**
 * Latency and reliability of one deployment: EWMAs for the latency strategy,
 * a bounded window of recent attempts for `health()` percentiles and error rate.
 */
export class DeploymentStats {
  ewmaLatencyMs: number | undefined;
  ewmaTtftMs: number | undefined;
  lastSampleAt: number | undefined;
  /** The last WINDOW samples, in no order (every reader filters or sorts): a full window is overwritten in turn, not shifted. */
  private readonly recent: AttemptSample[] = [];
  /** Where the next sample goes once the window is full. */
  private next = 0;

  constructor(private readonly alpha: number) {}

  observe(sample: AttemptSample): void {
    if (this.recent.length < WINDOW) this.recent.push(sample);
    else {
      this.recent[this.next] = sample;
      this.next = (this.next + 1) % WINDOW;
    }
    this.lastSampleAt = sample.at;
    // Cancellations say nothing about the deployment.
    if (sample.errorKind === 'cancelled') return;
    if (sample.ok) {
      this.ewmaLatencyMs = ewma(this.ewmaLatencyMs, sample.latencyMs, this.alpha);
      if (sample.ttftMs !== undefined) this.ewmaTtftMs = ewma(this.ewmaTtftMs, sample.ttftMs, this.alpha);
    }
  }

  /** Share of failed attempts (cancellations excluded) in the last five minutes. */
  errorRate(now: number): number {
    const counted = this.recent.filter((s) => now - s.at < ERROR_RATE_WINDOW_MS && s.errorKind !== 'cancelled');
    if (counted.length === 0) return 0;
    return counted.filter((s) => !s.ok).length / counted.length;
  }

  recentFailures(now: number): number {
    return this.recent.filter((s) => now - s.at < ERROR_RATE_WINDOW_MS && !s.ok && s.errorKind !== 'cancelled').length;
  }

  latencyPercentile(p: number): number | undefined {
    return percentile(this.recent.filter((s) => s.ok).map((s) => s.latencyMs), p);
  }

  ttftPercentile(p: number): number | undefined {
    return percentile(this.recent.flatMap((s) => (s.ok && s.ttftMs !== undefined ? [s.ttftMs] : [])), p);
  }
}
