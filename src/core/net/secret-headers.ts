import { SwitchboardError } from '../model/switchboard-error';
import { KeyTarget, KeysPort } from '../ports';
import { FetchFn } from './safe-fetch';

/**
 * A fetch that adds credential headers a provider needs besides its key
 * (a gateway's `cf-aig-authorization`, `helicone-auth`, an APIM subscription
 * key), each read from the keys port (SecretStorage, bound to the origin it
 * was saved for) on every request, never from settings. It sits under the
 * SDK's auth binding, so the environment cannot override these either.
 */
export function withSecretHeaders(base: FetchFn, secretHeaders: Readonly<Record<string, string>>, keys: KeysPort, target: KeyTarget): FetchFn {
  const entries = Object.entries(secretHeaders);
  const wrapped = async (input: Parameters<FetchFn>[0], init?: Parameters<FetchFn>[1]): Promise<Response> => {
    const headers = new Headers(init?.headers);
    for (const [header, secret] of entries) {
      let value: string | undefined;
      try {
        value = await keys(secret, target);
      } catch (err) {
        throw new SwitchboardError({ kind: 'auth', retryable: false, message: err instanceof Error ? err.message : String(err) });
      }
      if (value === undefined || value === '') {
        throw new SwitchboardError({
          kind: 'auth',
          retryable: false,
          message: `Provider "${target.providerId}" sends the header "${header}" from the secret "${secret}", which is not set. Run "Switchboard: Set API Key" and choose "${target.providerId} · ${header}".`,
        });
      }
      headers.set(header, value);
    }
    return base(input, { ...init, headers });
  };
  return wrapped as FetchFn;
}
