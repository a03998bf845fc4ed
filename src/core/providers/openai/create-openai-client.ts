import OpenAI, { AzureOpenAI } from 'openai';
import { CredentialHeader, bindCredential } from '../../net/bind-credential';
import { FetchFn } from '../../net/safe-fetch';
import { DirectJsonCalls, OpenAIChatSender } from './openai-chat-sender';
import { OpenAISettings } from './resolve-openai-settings';

/** The SDK insists on an apiKey; keyless local servers get this, and the header is stripped. */
const NO_KEY_PLACEHOLDER = 'no-key';

/**
 * One SDK client for one (key, base URL), and the chat sender over it: the
 * client builds the requests (each call's timeout comes with its route), the
 * sender sends them; the client's own fetch keeps the credential rule should it
 * ever send one. Retries are off (the router is the only retry loop), logging
 * is off (the SDK would print raw chunks to the console), and nothing is read
 * from OPENAI_* environment variables: every option the SDK would default from
 * the environment is passed explicitly.
 * @see https://github.com/openai/openai-node#retries
 */
function createOpenAISender(settings: OpenAISettings, apiKey: string | undefined, fetchFn: FetchFn, direct: DirectJsonCalls | undefined): OpenAIChatSender {
  // A null header value removes it; defaultHeaders are applied after the auth headers.
  const headers: Record<string, string | null> = { ...settings.headers };
  if (apiKey === undefined) {
    headers['Authorization'] = null;
    headers['api-key'] = null;
  }
  // The one auth header, set on the wire whatever the SDK merged in from OPENAI_CUSTOM_HEADERS.
  const credential: CredentialHeader | undefined =
    apiKey === undefined ? undefined : settings.flavour === 'azure' ? { name: 'api-key', value: apiKey } : { name: 'authorization', value: `Bearer ${apiKey}` };
  const common = {
    apiKey: apiKey ?? NO_KEY_PLACEHOLDER,
    maxRetries: 0,
    fetch: bindCredential(fetchFn, credential),
    defaultHeaders: headers,
    logLevel: 'off' as const,
    organization: settings.organization ?? null,
    project: null,
    webhookSecret: null,
  };
  if (settings.flavour === 'azure') {
    const url = new URL(settings.baseUrl);
    // A bare resource endpoint gets `/openai` (what the SDK's `endpoint` option does);
    // always passing baseURL keeps OPENAI_BASE_URL from the environment out of play.
    const baseURL = url.pathname === '/' || url.pathname === '' ? `${settings.baseUrl}/openai` : settings.baseUrl;
    return new OpenAIChatSender(new AzureOpenAI({ ...common, baseURL, apiVersion: settings.apiVersion ?? '' }), fetchFn, credential, direct);
  }
  return new OpenAIChatSender(new OpenAI({ ...common, baseURL: settings.baseUrl }), fetchFn, credential, direct);
}

/**
 * Keeps the client (and its chat sender) for the current key only: a changed
 * key gets a new client and the old one is dropped, so no stale key stays in memory.
 */
export class OpenAIClientCache {
  private current: { key: string | undefined; sender: OpenAIChatSender } | undefined;

  constructor(
    private readonly settings: OpenAISettings,
    private readonly fetchFn: FetchFn,
    /** JSON calls over Node's HTTP client (see `DirectJsonCalls`); without it, over `fetchFn`. */
    private readonly direct?: DirectJsonCalls,
  ) {}

  get(apiKey: string | undefined): OpenAIChatSender {
    if (this.current && this.current.key === apiKey) return this.current.sender;
    const sender = createOpenAISender(this.settings, apiKey, this.fetchFn, this.direct);
    this.current = { key: apiKey, sender };
    return sender;
  }
}
