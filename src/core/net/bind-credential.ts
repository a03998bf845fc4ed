import { isCredentialHeaderName } from './credential-headers';
import { FetchFn } from './safe-fetch';

/** The one auth header a request carries, e.g. `{ name: 'authorization', value: 'Bearer sk-…' }`. */
export interface CredentialHeader {
  name: string;
  value: string;
}

/**
 * A fetch that sends exactly `credential` and no other credential-shaped
 * header, whatever the SDK built: both SDKs merge `*_CUSTOM_HEADERS` from the
 * environment over the key they were given, so a variable set in the shell
 * that started VS Code could replace the user's key or add another one.
 * `undefined`: a keyless server, every credential header removed.
 */
export function bindCredential(base: FetchFn, credential: CredentialHeader | undefined): FetchFn {
  const bound = (input: Parameters<FetchFn>[0], init?: Parameters<FetchFn>[1]): Promise<Response> => {
    const given = init?.headers;
    // The SDKs build a Headers object for each request: it is cleaned in place, no copy of it or of `init`.
    const headers = given instanceof Headers ? given : new Headers(given);
    keepOnlyCredential(headers, credential);
    return base(input, headers === given ? init : { ...init, headers });
  };
  return bound as FetchFn;
}

/** Removes every credential-shaped header but `credential`, and sets that one if it is missing; in place. */
export function keepOnlyCredential(headers: Headers, credential: CredentialHeader | undefined): void {
  let drop: string[] | undefined;
  // The SDK was given this key, so its header is usually there already: kept, not deleted and set again.
  let present = false;
  headers.forEach((value, name) => {
    if (!isCredentialHeaderName(name)) return;
    if (credential !== undefined && name === credential.name && value === credential.value) present = true;
    else (drop ??= []).push(name);
  });
  if (drop) for (const name of drop) headers.delete(name);
  if (credential && !present) headers.set(credential.name, credential.value);
}
