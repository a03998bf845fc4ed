import * as vscode from 'vscode';
import { SwitchboardConfig, validateConfig } from '../../core/index';
import { Disposable } from '../disposable';
import { defaultAutoTiers } from './default-auto';

/** The model name that routes through `auto` tiers (the core's default name). */
export const AUTO_ALIAS = 'auto';

export const SECTION = 'switchboard';
import { CONFIG_KEYS } from './config-controller-keys';

export { CONFIG_KEYS };

/**
 * One `switchboard.*` value as requests may use it. In an untrusted workspace
 * only the user's own (global) value counts: a cloned repo's
 * .vscode/settings.json must not redirect endpoints, zero prices, raise
 * budgets or limits, or switch on the persistent cache (S7/S9). This is the
 * refusal in code; `restrictedConfigurations` in package.json is the UI side.
 */
export function readSetting<T>(key: string, settings: vscode.WorkspaceConfiguration = vscode.workspace.getConfiguration(SECTION)): T | undefined {
  return vscode.workspace.isTrusted ? settings.get<T>(key) : settings.inspect<T>(key)?.globalValue;
}

export type ConfigState =
  | { kind: 'empty' }
  | { kind: 'valid'; config: SwitchboardConfig; warnings: string[] }
  /** The settings are wrong; `lastGood` keeps the extension working meanwhile. */
  | { kind: 'invalid'; problems: string[]; lastGood?: SwitchboardConfig };

/** Reads `switchboard.*` settings into the core config, validates, and tells listeners. */
export class ConfigController extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<ConfigState>());
  readonly onDidChange = this.changed.event;
  private current: ConfigState = { kind: 'empty' };
  private lastGood: SwitchboardConfig | undefined;

  constructor() {
    super();
    this.current = this.read();
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SECTION)) this.reload();
      }),
    );
    // Trust granted: the workspace's own values now count.
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.reload()));
  }

  private reload(): void {
    this.current = this.read();
    this.changed.fire(this.current);
  }

  get state(): ConfigState {
    return this.current;
  }

  /** The config requests should use now: the valid one, or the last good one. */
  get usable(): SwitchboardConfig | undefined {
    return this.current.kind === 'valid' ? this.current.config : this.current.kind === 'invalid' ? this.current.lastGood : undefined;
  }

  /** The names chat can use: every alias, plus `auto` when tiers exist (configured or default). */
  get aliasNames(): string[] {
    const usable = this.usable;
    const aliases = Object.keys(usable?.aliases ?? {});
    const autoName = usable?.auto?.name ?? AUTO_ALIAS;
    return usable?.auto && !aliases.includes(autoName) ? [...aliases, autoName] : aliases;
  }

  /** The alias in use; empty when nothing is configured (the status bar then says "set up"). */
  get activeAlias(): string {
    const configured = readSetting<string>('activeAlias') ?? '';
    const names = this.aliasNames;
    if (configured && (names.length === 0 || names.includes(configured))) return configured;
    return names[0] ?? configured;
  }

  private read(): ConfigState {
    const settings = vscode.workspace.getConfiguration(SECTION);
    const raw: Record<string, unknown> = {};
    for (const key of CONFIG_KEYS) {
      const v = readSetting<unknown>(key, settings);
      // Contributed defaults are `{}` / `[]`: an untouched section is left out, not validated as empty.
      const untouched = v === undefined || v === null || (typeof v === 'object' && Object.keys(v).length === 0);
      if (!untouched) raw[key] = v;
    }
    const providers = raw.providers as Record<string, unknown> | undefined;
    if (!providers || Object.keys(providers).length === 0) return { kind: 'empty' };
    raw.deployments ??= [];
    raw.aliases ??= {};
    let v = validateConfig(raw);
    // `"activeAlias": "auto"` must work without hand-written tiers: default ones from the valid aliases
    // there are (added only to a valid config, so they never add an error at a path the user did not write).
    if (v.ok && raw.auto === undefined) {
      const tiers = defaultAutoTiers(Object.keys(v.config.aliases));
      const withAuto = tiers ? validateConfig({ ...raw, auto: tiers }) : undefined;
      if (withAuto?.ok) v = withAuto;
    }
    if (v.ok) {
      this.lastGood = v.config;
      return { kind: 'valid', config: v.config, warnings: v.warnings.map((w) => `${SECTION}.${w.path}: ${w.message}`) };
    }
    const problems = v.errors.map((e) => `${SECTION}${e.path ? `.${e.path}` : ''}: ${e.message}`);
    return this.lastGood ? { kind: 'invalid', problems, lastGood: this.lastGood } : { kind: 'invalid', problems };
  }
}
