import * as vscode from 'vscode';
import { DeploymentConfig, ProviderConfig, providerOrigin } from '../../core/index';
import { EnvProvider } from '../../protocol/messages';
import { KeyStore } from '../secrets/key-store';
import { SECTION } from './config-controller';

interface EnvPreset {
  variable: string;
  provider: ProviderConfig;
  fast: string;
  smart: string;
}

/** First-run presets: a provider whose key is already in the environment. Pinned model versions. */
const PRESETS: Record<EnvProvider, EnvPreset> = {
  openai: { variable: 'OPENAI_API_KEY', provider: { kind: 'openai', apiKeySecret: 'openai' }, fast: 'gpt-4o-mini-2024-07-18', smart: 'gpt-4o-2024-11-20' },
  anthropic: { variable: 'ANTHROPIC_API_KEY', provider: { kind: 'anthropic', apiKeySecret: 'anthropic' }, fast: 'claude-haiku-4-5-20251001', smart: 'claude-sonnet-4-5-20250929' },
  groq: { variable: 'GROQ_API_KEY', provider: { kind: 'openai-compatible', preset: 'groq', apiKeySecret: 'groq' }, fast: 'llama-3.1-8b-instant', smart: 'llama-3.3-70b-versatile' },
};

/** Providers whose key variable is set in the extension host's environment. */
export function envProvidersAvailable(env: NodeJS.ProcessEnv = process.env): EnvProvider[] {
  return (Object.keys(PRESETS) as EnvProvider[]).filter((p) => (env[PRESETS[p].variable] ?? '').trim() !== '');
}

/**
 * Writes a provider, two deployments and `fast`/`smart` aliases to user
 * settings, and stores the environment's key in SecretStorage (never settings).
 */
export async function configureFromEnv(provider: EnvProvider, keys: KeyStore, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const preset = PRESETS[provider];
  const key = (env[preset.variable] ?? '').trim();
  if (!key) {
    void vscode.window.showErrorMessage(`Switchboard: ${preset.variable} is not set in VS Code's environment.`);
    return;
  }
  const choice = await vscode.window.showInformationMessage(
    `Switchboard: configure ${provider} with the key from ${preset.variable}? The key is copied into VS Code's secret storage; settings get the provider and aliases "fast" and "smart".`,
    { modal: true },
    'Configure',
  );
  if (choice !== 'Configure') return;
  const settings = vscode.workspace.getConfiguration(SECTION);
  // Start from the user's own values only: the merged view would copy a workspace's
  // deployments and aliases into user settings, where they outlive the repo (S7).
  const user = <T>(key: string): T | undefined => settings.inspect<T>(key)?.globalValue;
  const providers = { ...(user<Record<string, ProviderConfig>>('providers') ?? {}), [provider]: preset.provider };
  const existing = (user<DeploymentConfig[]>('deployments') ?? []).filter((d) => d.provider !== provider);
  const fastId = `${provider}-fast`;
  const smartId = `${provider}-smart`;
  const deployments = [...existing, { id: fastId, provider, model: preset.fast }, { id: smartId, provider, model: preset.smart }];
  const aliases = { ...(user<Record<string, unknown>>('aliases') ?? {}), fast: { deployments: [fastId], fallbacks: ['smart'] }, smart: { deployments: [smartId] } };
  const origin = providerOrigin(preset.provider);
  if (!origin || !preset.provider.apiKeySecret) return;
  await keys.save(preset.provider.apiKeySecret, key, origin);
  await settings.update('providers', providers, vscode.ConfigurationTarget.Global);
  await settings.update('deployments', deployments, vscode.ConfigurationTarget.Global);
  await settings.update('aliases', aliases, vscode.ConfigurationTarget.Global);
  await settings.update('activeAlias', 'fast', vscode.ConfigurationTarget.Global);
}
