import { ErrorKind } from './error-kind';
import { FinishReason } from './finish-reason';
import { Usage } from './usage';

/** Why an attempt was made: the first try, a retry on the same deployment, or a move to another. */
export type AttemptKind = 'first' | 'retry' | 'fallback' | 'restart';

export interface AttemptRecord {
  deploymentId: string;
  kind: AttemptKind;
  outcome: 'ok' | 'error' | 'cancelled';
  errorKind?: ErrorKind;
  status?: number;
  startedAt: number;
  latencyMs: number;
  /** Time to first token, when a token arrived. */
  ttftMs?: number;
}

export type CacheStatus = 'hit' | 'semantic-hit' | 'miss' | 'bypass';
export type RecordStatus = 'ok' | 'error' | 'cancelled' | 'incomplete';

/** How the price of a record was found. `unknown` means costUsd is null, never 0. */
export type PriceSource = 'config' | 'library' | 'unknown' | 'free';

/** One logical request, as stored in the ledger and shown to the user. */
export interface CallRecord {
  id: string;
  /** What the caller asked for (alias name or deployment id). */
  requested: string;
  alias?: string;
  /** The deployment that answered, if any. */
  deploymentId?: string;
  provider?: string;
  /** The provider-side model name of the answering deployment. */
  model?: string;
  attempts: AttemptRecord[];
  /** Deployments routing passed over because they cannot serve the request, and why. */
  skipped?: { deploymentId: string; reason: string }[];
  usage: Usage;
  costUsd: number | null;
  priceSource: PriceSource;
  cache: CacheStatus;
  status: RecordStatus;
  errorKind?: ErrorKind;
  errorMessage?: string;
  finishReason?: FinishReason;
  startedAt: number;
  endedAt: number;
  ttftMs?: number;
  origin?: string;
  workspace?: string;
  /** Set by `auto` routing: the tier chosen and the rule that chose it. */
  route?: { tier: string; reason: string };
  /** What the request would have cost on the baseline (cache hits, downgrades). */
  savedUsd?: number;
}
