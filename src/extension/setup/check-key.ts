import { ProviderConfig, providerBaseUrl } from '../../core/index';
import { KeyStore } from '../secrets/key-store';
import { ModelListing, listModels } from './list-models';
import { choiceFor } from './provider-choices';
import { presetOf } from './preset-of';

/** Check Keys' verdict for one provider. */
export type KeyCheck = ModelListing | { kind: 'no-key' } | { kind: 'no-url' } | { kind: 'wrong-origin'; message: string };

/** One plain line per verdict, as Check Keys and the wizard say it. */
export function describeKeyCheck(check: KeyCheck): string {
  switch (check.kind) {
    case 'ok':
      return `ok (${check.models.length} model${check.models.length === 1 ? '' : 's'} listed)`;
    case 'invalid':
      return `invalid: the provider refused the key (HTTP ${check.status}: ${check.message})`;
    case 'unreachable':
      return `unreachable: ${check.message}`;
    case 'unlisted':
      return 'not checked: this provider has no model list to test the key against';
    case 'no-key':
      return 'no key: run "Switchboard: Set API Key"';
    case 'no-url':
      return 'no base URL configured';
    case 'wrong-origin':
      return `key withheld: ${check.message}`;
  }
}

/** Checks a configured provider's stored key with its model list (local servers: reachability). */
export async function checkProviderKey(providerId: string, provider: ProviderConfig, keys: KeyStore): Promise<KeyCheck> {
  const baseUrl = providerBaseUrl(provider);
  if (!baseUrl) return { kind: 'no-url' };
  const origin = new URL(baseUrl).origin;
  let key: string | undefined;
  if (provider.apiKeySecret) {
    try {
      key = await keys.resolve(provider.apiKeySecret, { providerId, origin });
    } catch (err) {
      // The key was saved for another origin (S1): it is not sent, not even to check it.
      return { kind: 'wrong-origin', message: err instanceof Error ? err.message : String(err) };
    }
    if (key === undefined) return { kind: 'no-key' };
  }
  const choice = choiceFor(provider.kind, presetOf(provider));
  return listModels({ listing: provider.kind === 'azure-openai' ? 'none' : choice.listing, baseUrl, key });
}
