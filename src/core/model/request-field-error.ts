import { SwitchboardError } from './switchboard-error';

/** A `bad_request` about one field of a ChatRequest: the message names it and says what to change. */
export function badField(message: string): SwitchboardError {
  return new SwitchboardError({ kind: 'bad_request', message, retryable: false });
}

export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
