import { KeyTarget } from '../ports';

/**
 * A key as a host stores it: bound to the origin it was saved for (S1). A key
 * is released only to that origin, so re-pointing a provider's baseUrl (by a
 * workspace, a settings sync or a typo) never sends the key somewhere new.
 */
export interface OriginBoundKey {
  key: string;
  origin: string;
}

export function serializeBoundKey(key: string, origin: string): string {
  return JSON.stringify({ key, origin } satisfies OriginBoundKey);
}

/** Reads a stored value; anything not in the bound form is treated as absent, never sent unbound. */
export function parseBoundKey(raw: string | undefined): OriginBoundKey | undefined {
  if (!raw) return undefined;
  try {
    const v: unknown = JSON.parse(raw);
    if (typeof v === 'object' && v !== null && typeof (v as OriginBoundKey).key === 'string' && typeof (v as OriginBoundKey).origin === 'string') return v as OriginBoundKey;
  } catch {
    // Not a bound key.
  }
  return undefined;
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

/** The key for `target`, or a KeyOriginMismatch if it was saved for another origin. */
export function releaseBoundKey(secretName: string, stored: OriginBoundKey, target: KeyTarget): string {
  if (stored.origin !== target.origin) throw new KeyOriginMismatch(secretName, stored.origin, target.origin, target.providerId);
  return stored.key;
}
