/**
 * The fetch given to provider SDKs. Redirects are refused (S12): following one
 * would resend the Authorization / x-api-key header to wherever it points.
 */
export type FetchFn = typeof fetch;

export function createSafeFetch(base: FetchFn = fetch): FetchFn {
  const safe = async (input: Parameters<FetchFn>[0], init?: Parameters<FetchFn>[1]): Promise<Response> => {
    const response = await base(input, { ...init, redirect: 'manual' });
    if (response.status >= 300 && response.status < 400) {
      const to = response.headers.get('location') ?? '(no location)';
      await response.body?.cancel().catch(() => undefined);
      throw new RedirectRefusedError(response.status, to);
    }
    return response;
  };
  return safe as FetchFn;
}

export class RedirectRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly location: string,
  ) {
    super(`The provider answered with a redirect (${status} to ${location}); redirects are refused so keys are never sent to another origin. Fix the provider's baseUrl.`);
    this.name = 'RedirectRefusedError';
  }
}
