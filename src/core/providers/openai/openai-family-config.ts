import type { AzureOpenAIProviderConfig } from '../azure-openai/azure-openai-definition';
import type { OpenAICompatibleProviderConfig } from '../openai-compatible/openai-compatible-definition';
import type { OpenAIProviderConfig } from './openai-definition';

/** The kinds served by the OpenAI adapter (Chat Completions). */
export type OpenAIFamilyConfig = OpenAIProviderConfig | AzureOpenAIProviderConfig | OpenAICompatibleProviderConfig;
