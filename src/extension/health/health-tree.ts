import * as vscode from 'vscode';
import { CallRecord, DeploymentHealthReport, Orchestrator } from '../../core/index';
import { Disposable } from '../disposable';
import { ConfigController } from '../settings/config-controller';
import { LintFinding } from '../lint/lint-rules';
import { asReport, deploymentState, describeState, STATE_ICON } from './deployment-state';

/** Refreshes come from record events and config changes, at most this often. */
const THROTTLE_MS = 500;

type Node =
  | { kind: 'alias'; name: string }
  | { kind: 'deployment'; alias: string; id: string }
  | { kind: 'detail'; label: string; value: string }
  | { kind: 'warnings'; count: number }
  | { kind: 'warning'; finding: LintFinding }
  | { kind: 'empty' };

interface LastError {
  kind: string;
  status?: number;
  at: number;
}

function ms(v: number | undefined): string {
  return v === undefined ? '—' : `${Math.round(v)} ms`;
}

function used(n: number, limit: number | undefined): string {
  return limit === undefined ? `${n} (no limit)` : `${n} of ${limit}`;
}

/**
 * The "Health" tree: aliases → deployments with state and cooldown countdown,
 * expanding to RPM/TPM used of their limits, in flight, p50/p95 latency, error
 * rate and last error. Reads `orchestrator.health()` and record events only —
 * it never calls a provider. A one-second tick runs only while something cools
 * and the view is visible (the countdown).
 */
export class HealthTree extends Disposable implements vscode.TreeDataProvider<Node> {
  static readonly viewId = 'switchboard.health';
  private readonly changed = this._register(new vscode.EventEmitter<Node | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private readonly lastErrors = new Map<string, LastError>();
  private pending: ReturnType<typeof setTimeout> | undefined;
  private tick: ReturnType<typeof setInterval> | undefined;
  private visible = false;
  private health = new Map<string, DeploymentHealthReport>();

  constructor(
    private readonly config: ConfigController,
    private readonly orchestrator: () => Orchestrator | undefined,
    private readonly findings: () => readonly LintFinding[],
  ) {
    super();
    this._register({ dispose: () => this.stopTimers() });
  }

  /** The view's visibility gates the countdown tick. */
  attach(view: vscode.TreeView<Node>): void {
    this.visible = view.visible;
    this._register(view.onDidChangeVisibility((e) => {
      this.visible = e.visible;
      this.schedule();
    }));
  }

  onRecord(record: CallRecord): void {
    for (const a of record.attempts) {
      if (a.outcome === 'error') this.lastErrors.set(a.deploymentId, { kind: a.errorKind ?? 'error', ...(a.status !== undefined ? { status: a.status } : {}), at: record.endedAt });
    }
    this.schedule();
  }

  /** Throttled refresh (records can arrive many per second). */
  schedule(): void {
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.refreshNow();
    }, THROTTLE_MS);
  }

  refreshNow(): void {
    this.changed.fire(undefined);
    const now = Date.now();
    const cooling = (this.orchestrator()?.health() ?? []).some((h) => typeof h.cooldownUntil === 'number' && h.cooldownUntil > now);
    if (cooling && this.visible && !this.tick) this.tick = setInterval(() => this.refreshNow(), 1000);
    if ((!cooling || !this.visible) && this.tick) {
      clearInterval(this.tick);
      this.tick = undefined;
    }
  }

  private stopTimers(): void {
    if (this.pending) clearTimeout(this.pending);
    if (this.tick) clearInterval(this.tick);
  }

  getChildren(node?: Node): Node[] {
    const usable = this.config.usable;
    if (!node) {
      this.health = new Map((this.orchestrator()?.health() ?? []).map((h) => [h.deploymentId, asReport(h)]));
      const aliases = Object.keys(usable?.aliases ?? {});
      const roots: Node[] = aliases.length ? aliases.map((name) => ({ kind: 'alias', name })) : [{ kind: 'empty' }];
      const count = this.findings().length;
      return count > 0 ? [...roots, { kind: 'warnings', count }] : roots;
    }
    if (node.kind === 'warnings') return this.findings().map((finding) => ({ kind: 'warning', finding }));
    if (node.kind === 'alias') return (usable?.aliases[node.name]?.deployments ?? []).map((id) => ({ kind: 'deployment', alias: node.name, id }));
    if (node.kind === 'deployment') return this.details(node.id);
    return [];
  }

  private details(id: string): Node[] {
    const h = this.health.get(id);
    const err = this.lastErrors.get(id);
    const rows: [string, string][] = [
      ['RPM', used(h?.rpmUsed ?? 0, h?.rpmLimit)],
      ['TPM', used(h?.tpmUsed ?? 0, h?.tpmLimit)],
      ['in flight', String(h?.inFlight ?? 0)],
      ['latency p50 / p95', `${ms(h?.latencyP50Ms)} / ${ms(h?.latencyP95Ms)}`],
      ['error rate (5 min)', `${Math.round((h?.errorRate ?? 0) * 100)} %`],
      ['last error', err ? `${err.kind}${err.status !== undefined ? ` (HTTP ${err.status})` : ''} at ${new Date(err.at).toLocaleTimeString()}` : 'none'],
    ];
    return rows.map(([label, value]) => ({ kind: 'detail', label, value }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'empty': {
        const item = new vscode.TreeItem('No provider yet — Add Provider…');
        item.command = { command: 'switchboard.addProvider', title: 'Add Provider' };
        item.iconPath = new vscode.ThemeIcon('add');
        return item;
      }
      case 'alias': {
        const alias = this.config.usable?.aliases[node.name];
        const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `alias:${node.name}`;
        item.description = `${alias?.strategy ?? 'ordered'}${alias?.fallbacks?.length ? ` → ${alias.fallbacks.join(', ')}` : ''}${node.name === this.config.activeAlias ? ' · active' : ''}`;
        item.iconPath = new vscode.ThemeIcon('symbol-namespace');
        return item;
      }
      case 'deployment': {
        const h = this.health.get(node.id);
        const state = h ? deploymentState(h, Date.now()) : { kind: 'healthy' as const };
        const item = new vscode.TreeItem(node.id, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `deployment:${node.alias}:${node.id}`;
        item.description = describeState(state);
        item.tooltip = `${node.id} — ${h?.provider ?? ''} · ${h?.model ?? ''}\n${describeState(state)}`;
        item.iconPath = new vscode.ThemeIcon(STATE_ICON[state.kind], state.kind === 'cooling' || state.kind === 'key-invalid' ? new vscode.ThemeColor('list.warningForeground') : undefined);
        item.contextValue = `deployment-${state.kind}`;
        return item;
      }
      case 'warnings': {
        const item = new vscode.TreeItem(`Settings warnings (${node.count})`, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = 'warnings';
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
        return item;
      }
      case 'warning': {
        const item = new vscode.TreeItem(node.finding.message);
        item.tooltip = node.finding.message;
        item.description = node.finding.path.join('.');
        item.iconPath = new vscode.ThemeIcon('warning');
        item.command = { command: 'workbench.action.openSettingsJson', title: 'Open Settings (JSON)' };
        return item;
      }
      case 'detail': {
        const item = new vscode.TreeItem(node.label);
        item.description = node.value;
        return item;
      }
    }
  }
}
