import * as vscode from 'vscode';
import { KeyTarget, parseBoundKey as parse, releaseBoundKey, serializeBoundKey } from '../../core/index';

const PREFIX = 'switchboard.apiKey.';
type BoundKey = NonNullable<ReturnType<typeof parse>>;
/** Headers for the OTLP collector (`switchboard.telemetry`), e.g. a hosted backend's API key: a secret too. */
const OTLP_HEADERS = 'switchboard.telemetry.otlpHeaders';

/**
 * Keys live only in SecretStorage, each bound to the origin it was saved for:
 * if a provider's baseUrl later points elsewhere (say, a workspace redirect),
 * the key is withheld instead of being sent to the new origin.
 */
export class KeyStore {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /** Key values seen this session (saved or resolved), so free text can be scrubbed of them. */
  private readonly seen = new Set<string>();
  /**
   * What SecretStorage holds per secret name (`null`: nothing usable), read once
   * and dropped whenever it changes (here, by `save`/`delete`; in another window,
   * by `onDidChange`, which fires there: microsoft/vscode#187247).
   * Every request needs its provider's key a few times (redaction, the cache
   * key, the request itself); without this each one was a round trip to the
   * workbench's secret service.
   */
  private readonly stored = new Map<string, BoundKey | null>();
  /** Bumped on every change of a name, so a read that raced a change never caches the old value. */
  private readonly generation = new Map<string, number>();

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((e) => {
      if (!e.key.startsWith(PREFIX)) return;
      this.forget(e.key.slice(PREFIX.length));
      this.changed.fire();
    });
  }

  async save(secretName: string, key: string, origin: string): Promise<void> {
    this.forget(secretName);
    await this.secrets.store(PREFIX + secretName, serializeBoundKey(key, origin));
    this.forget(secretName);
    this.seen.add(key);
  }

  async delete(secretName: string): Promise<void> {
    this.forget(secretName);
    await this.secrets.delete(PREFIX + secretName);
    this.forget(secretName);
  }

  /**
   * `save` and `delete` forget before and after the write: a read already in flight
   * must not keep the old value, nor one that started while the write ran (this
   * window gets no `onDidChange` for its own write).
   */
  private forget(secretName: string): void {
    this.stored.delete(secretName);
    this.generation.set(secretName, (this.generation.get(secretName) ?? 0) + 1);
  }

  async has(secretName: string): Promise<boolean> {
    return parse(await this.secrets.get(PREFIX + secretName)) !== undefined;
  }

  /**
   * The core's keys port: at hand once read (no promise), else read from
   * SecretStorage. Never throws: a key withheld from `target` is a rejection.
   */
  readonly resolve = (secretName: string, target: KeyTarget): string | undefined | Promise<string | undefined> => {
    const known = this.stored.get(secretName);
    if (known !== undefined) return this.release(secretName, known, target);
    const generation = this.generation.get(secretName) ?? 0;
    return Promise.resolve(this.secrets.get(PREFIX + secretName)).then((raw) => {
      const stored = parse(raw) ?? null;
      if ((this.generation.get(secretName) ?? 0) === generation) this.stored.set(secretName, stored);
      return this.release(secretName, stored, target);
    });
  };

  private release(secretName: string, stored: BoundKey | null, target: KeyTarget): string | undefined | Promise<never> {
    if (!stored) return undefined;
    this.seen.add(stored.key);
    try {
      return releaseBoundKey(secretName, stored, target);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  async saveOtlpHeaders(headers: Record<string, string>): Promise<void> {
    if (Object.keys(headers).length === 0) await this.secrets.delete(OTLP_HEADERS);
    else await this.secrets.store(OTLP_HEADERS, JSON.stringify(headers));
    for (const v of Object.values(headers)) this.seen.add(v);
  }

  /** The core's telemetry headers port; only ever sent to the configured collector. */
  readonly otlpHeaders = async (): Promise<Record<string, string> | undefined> => {
    const raw = await this.secrets.get(OTLP_HEADERS);
    if (!raw) return undefined;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed !== 'object' || parsed === null) return undefined;
      const headers = Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
      for (const v of Object.values(headers)) this.seen.add(v);
      return headers;
    } catch {
      return undefined;
    }
  };

  /** Every key value this session has handled (for the ledger's redaction). */
  readonly knownKeys = (): readonly string[] => [...this.seen];

  dispose(): void {
    this.seen.clear();
    this.stored.clear();
    this.subscription.dispose();
    this.changed.dispose();
  }
}
