import { redactSecrets } from '../ledger/redact-secrets';
import { SwitchboardError } from '../model/switchboard-error';

/**
 * The error as every consumer sees it (record, `error` event, `chat()`
 * rejection, listeners, the webview): free text scrubbed by the ledger's
 * patterns, so a provider echoing part of a key never passes it on.
 */
export function redactError(error: SwitchboardError): SwitchboardError {
  const message = redactSecrets(error.message);
  const providerMessage = error.providerMessage === undefined ? undefined : redactSecrets(error.providerMessage);
  if (message === error.message && providerMessage === error.providerMessage) return error;
  const init = { ...error.toInit(), message };
  if (providerMessage !== undefined) init.providerMessage = providerMessage;
  return new SwitchboardError(init);
}
