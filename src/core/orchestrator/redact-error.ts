import { redactSecrets } from '../ledger/redact-secrets';
import { SwitchboardError } from '../model/switchboard-error';

/**
 * The error as every consumer sees it (record, `error` event, `chat()`
 * rejection, listeners, the webview): free text scrubbed by the ledger's
 * patterns and of the host's `known` secrets (stored keys, secret headers, whose
 * values follow no pattern), so a provider echoing a credential never passes it on.
 */
export function redactError(error: SwitchboardError, known: readonly string[] = []): SwitchboardError {
  const message = redactSecrets(error.message, known);
  const providerMessage = error.providerMessage === undefined ? undefined : redactSecrets(error.providerMessage, known);
  if (message === error.message && providerMessage === error.providerMessage) return error;
  const init = { ...error.toInit(), message };
  if (providerMessage !== undefined) init.providerMessage = providerMessage;
  return new SwitchboardError(init);
}
