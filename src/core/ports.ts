import { CallRecord } from './model/call-record';
import type { ProviderKind } from './providers/registry';

/**
 * The side effects the core needs, injected by its host (the extension, a
 * script, a test). Nothing in the core reaches for globals behind these.
 */

/** Who is asking for a secret: the provider and the origin the key will be sent to. */
export interface KeyTarget {
  providerId: string;
  origin: string;
  /**
   * The provider's kind: which credentials are asked for (its definition's
   * `credentials` shape). Every current kind takes one API key; a kind needing
   * several fields stores them together under the one secret name.
   */
  kind?: ProviderKind;
}

/**
 * Resolves a secret by the name a provider's `apiKeySecret` gives. The target
 * lets a host refuse to release a key to an origin it was not saved for (S1).
 */
export type KeysPort = (secretName: string, target: KeyTarget) => string | undefined | Promise<string | undefined>;

/**
 * Where CallRecords go. `append` resolves once the record is durable. A store may
 * read the record later than the call (the file ledger serialises a batch when it
 * writes it): a published record is final, and nobody changes it afterwards.
 */
export interface LedgerStore {
  append(record: CallRecord): Promise<void>;
}

export type Clock = () => number;

/** Uniform random in [0, 1); seeded in tests. */
export type RandomSource = () => number;

export interface LogSink {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}
