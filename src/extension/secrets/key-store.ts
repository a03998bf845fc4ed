import * as vscode from 'vscode';
import { KeyTarget } from '../../core/index';

const PREFIX = 'switchboard.apiKey.';

/** What SecretStorage holds per secret: the key and the origin it may be sent to (S1). */
interface StoredKey {
  key: string;
  origin: string;
}

function parse(raw: string | undefined): StoredKey | undefined {
  if (!raw) return undefined;
  try {
    const v: unknown = JSON.parse(raw);
    if (typeof v === 'object' && v !== null && typeof (v as StoredKey).key === 'string' && typeof (v as StoredKey).origin === 'string') return v as StoredKey;
  } catch {
    // Not ours; treat as absent rather than sending an unbound key anywhere.
  }
  return undefined;
}

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
    await this.secrets.store(PREFIX + secretName, JSON.stringify({ key, origin } satisfies StoredKey));
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
    if (stored.origin !== target.origin) {
      throw new KeyOriginMismatch(secretName, stored.origin, target.origin, target.providerId);
    }
    return stored.key;
  };

  /** Every key value this session has handled (for the ledger's redaction). */
  readonly knownKeys = (): readonly string[] => [...this.seen];

  dispose(): void {
    this.seen.clear();
    this.subscription.dispose();
    this.changed.dispose();
  }
}

export class KeyOriginMismatch extends Error {
  constructor(secretName: string, savedFor: string, requestedBy: string, providerId: string) {
    super(
      `The key "${secretName}" was saved for ${savedFor}, but provider "${providerId}" now sends requests to ${requestedBy}. ` +
        'It was not sent. If you trust the new endpoint, run "Switchboard: Set API Key" again for this provider.',
    );
    this.name = 'KeyOriginMismatch';
  }
}
