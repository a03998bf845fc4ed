import { LATENCY_TUNING } from '../config/defaults';
import { DeploymentConfig, ProviderConfig } from '../config/switchboard-config';
import { DeploymentLimits } from '../limits/deployment-limits';
import { CooldownTracker } from './cooldown-tracker';
import { DeploymentStats } from './deployment-stats';

/** Everything the router remembers about one deployment across requests. */
export interface DeploymentState {
  readonly cooldown: CooldownTracker;
  readonly stats: DeploymentStats;
  readonly limits: DeploymentLimits;
  inFlight: number;
}

/** A provider whose key was rejected (401): unusable until its key or config changes. */
export interface RejectedKey {
  /** Hash of the key that was rejected (never the key). */
  keyFingerprint: string | undefined;
  configJson: string;
  at: number;
}

function newState(): DeploymentState {
  return { cooldown: new CooldownTracker(), stats: new DeploymentStats(LATENCY_TUNING.alpha), limits: new DeploymentLimits(), inFlight: 0 };
}

function identity(d: DeploymentConfig): string {
  return `${d.provider}\u0000${d.model}`;
}

/**
 * Router memory shared by every runtime (config snapshot), keyed by deployment
 * id so a config swap keeps the state of deployments that stay and drops the rest.
 */
export class RouterState {
  private readonly deployments = new Map<string, DeploymentState>();
  private readonly identities = new Map<string, string>();
  private readonly rejectedKeys = new Map<string, RejectedKey>();
  private readonly cursors = new Map<string, number>();
  /** Deployments the user paused: skipped by routing until resumed (or removed from the config). */
  private readonly paused = new Set<string>();

  constructor(deployments: readonly DeploymentConfig[]) {
    for (const d of deployments) this.identities.set(d.id, identity(d));
  }

  /**
   * The state of a live deployment. A deployment removed by a config swap gets a
   * detached state, so an in-flight request on the old config cannot revive it.
   */
  of(deploymentId: string): DeploymentState {
    const existing = this.deployments.get(deploymentId);
    if (existing) return existing;
    const created = newState();
    if (this.identities.has(deploymentId)) this.deployments.set(deploymentId, created);
    return created;
  }

  /** Read-only view for health: undefined when nothing is known yet. */
  peek(deploymentId: string): DeploymentState | undefined {
    return this.deployments.get(deploymentId);
  }

  /** Round-robin position for a named rotation (an alias). */
  nextCursor(key: string): number {
    const n = this.cursors.get(key) ?? 0;
    this.cursors.set(key, n + 1);
    return n;
  }

  setPaused(deploymentId: string, paused: boolean): void {
    if (paused) this.paused.add(deploymentId);
    else this.paused.delete(deploymentId);
  }

  isPaused(deploymentId: string): boolean {
    return this.paused.has(deploymentId);
  }

  rejectKey(providerId: string, entry: RejectedKey): void {
    this.rejectedKeys.set(providerId, entry);
  }

  rejectedKey(providerId: string): RejectedKey | undefined {
    return this.rejectedKeys.get(providerId);
  }

  clearRejectedKey(providerId: string): void {
    this.rejectedKeys.delete(providerId);
  }

  /**
   * Applies a new config (R18): state of removed deployments, and of ids now
   * naming another provider or model, is dropped; a provider whose config changed
   * gets another chance with its key; rotations restart.
   */
  retain(deployments: readonly DeploymentConfig[], providers: ReadonlyMap<string, ProviderConfig>): void {
    const next = new Map(deployments.map((d) => [d.id, identity(d)]));
    for (const id of [...this.deployments.keys()]) {
      if (next.get(id) !== this.identities.get(id)) this.deployments.delete(id);
    }
    this.identities.clear();
    for (const [id, ident] of next) this.identities.set(id, ident);
    for (const id of [...this.paused]) if (!next.has(id)) this.paused.delete(id);
    for (const [providerId, rejected] of [...this.rejectedKeys]) {
      const config = providers.get(providerId);
      if (!config || JSON.stringify(config) !== rejected.configJson) this.rejectedKeys.delete(providerId);
    }
    this.cursors.clear();
  }
}
