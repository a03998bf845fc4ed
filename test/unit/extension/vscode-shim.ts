/**
 * A small stand-in for the `vscode` module, enough to run extension classes
 * (KeyStore, ConfigController) in plain Node: an EventEmitter, an in-memory
 * SecretStorage, and `workspace` with trust and layered settings (default /
 * global / workspace / folder, as `inspect` reports them). It records every
 * read, so a test can prove which layers were consulted. Installing it makes
 * `require('vscode')` return it; it never stands in for the core.
 */
import Module from 'node:module';

type Listener<T> = (e: T) => unknown;

export class ShimEventEmitter<T> {
  private listeners: Array<Listener<T>> = [];
  readonly event = (listener: Listener<T>): { dispose(): void } => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export interface SettingLayers {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

export class ShimSecretStorage {
  readonly values = new Map<string, string>();
  private readonly changed = new ShimEventEmitter<{ key: string }>();
  readonly onDidChange = this.changed.event;
  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.values.get(key));
  }
  store(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    this.changed.fire({ key });
    return Promise.resolve();
  }
  delete(key: string): Promise<void> {
    this.values.delete(key);
    this.changed.fire({ key });
    return Promise.resolve();
  }
}

/** The state a test drives: trust, settings by layer, and a log of reads. */
export const shimState = {
  isTrusted: true,
  settings: new Map<string, SettingLayers>(),
  /** `get:<key>` / `inspect:<key>` for every read of a `switchboard.*` setting. */
  reads: [] as string[],
  configChanged: new ShimEventEmitter<{ affectsConfiguration(section: string): boolean }>(),
  trustGranted: new ShimEventEmitter<void>(),
  reset(): void {
    this.isTrusted = true;
    this.settings.clear();
    this.reads.length = 0;
  },
};

/** What `get` returns in VS Code: the most specific layer that is set. */
function effective(l: SettingLayers | undefined): unknown {
  return l?.workspaceFolderValue ?? l?.workspaceValue ?? l?.globalValue ?? l?.defaultValue;
}

export const vscodeShim = {
  EventEmitter: ShimEventEmitter,
  workspace: {
    get isTrusted(): boolean {
      return shimState.isTrusted;
    },
    getConfiguration(section: string) {
      const full = (key: string): string => `${section}.${key}`;
      return {
        get<T>(key: string, fallback?: T): T | undefined {
          shimState.reads.push(`get:${full(key)}`);
          return (effective(shimState.settings.get(full(key))) as T | undefined) ?? fallback;
        },
        inspect<T>(key: string): (SettingLayers & { key: string }) | undefined {
          shimState.reads.push(`inspect:${full(key)}`);
          const layers = shimState.settings.get(full(key));
          return { key: full(key), ...(layers as SettingLayers & { globalValue?: T }) };
        },
      };
    },
    onDidChangeConfiguration: shimState.configChanged.event,
    onDidGrantWorkspaceTrust: shimState.trustGranted.event,
  },
};

let installed = false;

/** Makes `require('vscode')` (and `import … from 'vscode'`) return the shim. */
export function installVscodeShim(): void {
  if (installed) return;
  installed = true;
  const mod = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
  const load = mod._load.bind(Module);
  mod._load = (request, parent, isMain) => (request === 'vscode' ? vscodeShim : load(request, parent, isMain));
}
