import { isLoopbackHost } from '../net/endpoint-policy';
import { COMPAT_PRESETS } from '../providers/presets';
import { ProviderConfig, ProviderKind } from '../config/switchboard-config';
import { providerDefinition } from '../providers/registry';
import { LibraryProviderRef } from './library-prices';

/** What the price book needs to know about a deployment's provider: its kind, or its whole (non-secret) config. */
export type ProviderRef = ProviderKind | ProviderFields;

/** The non-secret provider fields pricing reads (any kind's config has this shape). */
export interface ProviderFields {
  kind: ProviderKind;
  baseUrl?: string;
  preset?: string;
}

/** Our preset names → `@pydantic/genai-prices` provider ids. */
const PRESET_TO_LIBRARY: Readonly<Record<string, string>> = {
  groq: 'groq',
  deepseek: 'deepseek',
  xai: 'x-ai',
  mistral: 'mistral',
  together: 'together',
  openrouter: 'openrouter',
  gemini: 'google',
};

/** Servers that run models on the user's own hardware and bill nothing per token. */
const LOCAL_PRESETS: ReadonlySet<string> = new Set(['ollama', 'lmstudio', 'vllm']);

function hasLoopbackHost(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}

function normalise(ref: ProviderRef): ProviderFields {
  return typeof ref === 'string' ? { kind: ref } : ref;
}

/**
 * Free only when we can tell reliably: a known local-server preset (Ollama,
 * LM Studio, vLLM) on a loopback address. A bare loopback URL is not enough:
 * it may be a proxy (LiteLLM, a tunnel) forwarding to a paid API.
 */
export function isReliablyFree(ref: ProviderRef): boolean {
  const p = normalise(ref);
  return providerDefinition(p.kind).isReliablyFree?.(p as ProviderConfig) === true;
}

/** A known local-server preset on a loopback address (the compatible kind's rule for "free"). */
export function isLocalPresetOnLoopback(p: ProviderFields): boolean {
  if (p.preset === undefined || !LOCAL_PRESETS.has(p.preset)) return false;
  const url = p.baseUrl ?? COMPAT_PRESETS.get(p.preset)?.baseUrl;
  return url !== undefined && hasLoopbackHost(url);
}

/**
 * Which library provider prices this deployment: the kind's definition says
 * (provider registry), so a new kind brings its own pricing reference.
 */
export function libraryProviderFor(ref: ProviderRef): LibraryProviderRef | undefined {
  const p = normalise(ref);
  return providerDefinition(p.kind).pricingRef(p as ProviderConfig);
}

/**
 * An OpenAI-compatible server's library provider: by preset, else custom URLs
 * matched by the library's `api_pattern`s; an unmatched or loopback one gets no
 * library price (a model name alone does not say what that server charges).
 */
export function compatibleLibraryRef(p: ProviderFields): LibraryProviderRef | undefined {
  const byPreset = p.preset !== undefined ? PRESET_TO_LIBRARY[p.preset] : undefined;
  if (byPreset !== undefined) return { providerId: byPreset };
  const url = p.baseUrl ?? (p.preset !== undefined ? COMPAT_PRESETS.get(p.preset)?.baseUrl : undefined);
  if (url === undefined || hasLoopbackHost(url)) return undefined;
  return { providerApiUrl: url };
}
