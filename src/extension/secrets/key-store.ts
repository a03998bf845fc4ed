import * as vscode from 'vscode';
import { KeyTarget, parseBoundKey as parse, releaseBoundKey, serializeBoundKey } from '../../core/index';

const PREFIX = 'switchboard.apiKey.';
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

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key.startsWith(PREFIX)) this.changed.fire();
    });
  }

  async save(secretName: string, key: string, origin: string): Promise<void> {
    await this.secrets.store(PREFIX + secretName, serializeBoundKey(key, origin));
    this.seen.add(key);
  }

  async delete(secretName: string): Promise<void> {
    await this.secrets.delete(PREFIX + secretName);
  }

  async has(secretName: string): Promise<boolean> {
    return parse(await this.secrets.get(PREFIX + secretName)) !== undefined;
  }

  /** The core's keys port. */
  readonly resolve = async (secretName: string, target: KeyTarget): Promise<string | undefined> => {
    const stored = parse(await this.secrets.get(PREFIX + secretName));
    if (!stored) return undefined;
    this.seen.add(stored.key);
    return releaseBoundKey(secretName, stored, target);
  };

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
    this.subscription.dispose();
    this.changed.dispose();
  }
}
