import { RateWindow } from './rate-window';

export interface LimitCheck {
  /** 0 when a request fits now; else milliseconds until it does. */
  waitMs: number;
  /** Which limit is full. */
  limit?: 'rpm' | 'tpm';
}

/** Reservation made when an attempt is sent; `reconcile` replaces the token estimate. */
export interface LimitReservation {
  reconcile(actualTokens: number): void;
}

/** RPM and TPM windows of one deployment. Limits are read per call, so a config swap applies at once. */
export class DeploymentLimits {
  private readonly requests = new RateWindow();
  private readonly tokens = new RateWindow();

  check(limits: { rpm?: number; tpm?: number }, estimatedTokens: number, now: number): LimitCheck {
    const rpmWait = limits.rpm === undefined ? 0 : this.requests.waitFor(1, limits.rpm, now);
    const tpmWait = limits.tpm === undefined ? 0 : this.tokens.waitFor(estimatedTokens, limits.tpm, now);
    if (rpmWait === 0 && tpmWait === 0) return { waitMs: 0 };
    return rpmWait >= tpmWait ? { waitMs: rpmWait, limit: 'rpm' } : { waitMs: tpmWait, limit: 'tpm' };
  }

  reserve(estimatedTokens: number, now: number): LimitReservation {
    this.requests.add(1, now);
    const entry = this.tokens.add(estimatedTokens, now);
    const tokens = this.tokens;
    return {
      reconcile(actualTokens) {
        tokens.correct(entry, actualTokens);
      },
    };
  }

  rpmUsed(now: number): number {
    return this.requests.used(now);
  }

  tpmUsed(now: number): number {
    return this.tokens.used(now);
  }
}
