import * as vscode from 'vscode';
import { KeyTarget, parseBoundKey as parse, releaseBoundKey, serializeBoundKey } from '../../core/index';

const PREFIX = 'switchboard.apiKey.';

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

  /** Every key value this session has handled (for the ledger's redaction). */
  readonly knownKeys = (): readonly string[] => [...this.seen];

  dispose(): void {
    this.seen.clear();
    this.subscription.dispose();
    this.changed.dispose();
  }
}
