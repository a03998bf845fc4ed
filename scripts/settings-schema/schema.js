// The `switchboard.*` settings schema: the single source of package.json's
// `contributes.configuration` (write it with `node scripts/settings-schema/write.js`;
// a unit test fails when the two drift). One entry per setting; add new settings
// (telemetry, redaction...) the same way: markdownDescription, default, enums
// with descriptions, examples, and `closed()` where the core refuses unknown fields.
'use strict';
const { closed, ms, count, price, timeouts, budgetPeriods } = require('./parts');

const PRESETS = ['groq', 'ollama', 'openrouter', 'together', 'mistral', 'deepseek', 'xai', 'gemini', 'lmstudio', 'vllm'];
const STRATEGIES = ['ordered', 'round-robin', 'weighted', 'least-busy', 'latency', 'cost'];

const provider = closed(
  {
    kind: {
      type: 'string',
      enum: ['openai', 'anthropic', 'openai-compatible', 'azure-openai'],
      markdownEnumDescriptions: ['OpenAI\'s own API.', 'Anthropic\'s Messages API.', 'Any server speaking the OpenAI API: Groq, Ollama, OpenRouter, Together, Mistral, DeepSeek, xAI, Gemini, LM Studio, vLLM, a proxy.', 'Azure OpenAI (needs `baseUrl` and `apiVersion`).'],
      markdownDescription: 'Which API this provider speaks.',
    },
    baseUrl: { type: 'string', format: 'uri', pattern: '^(https://|http://(localhost|127\\.\\d+\\.\\d+\\.\\d+|\\[::1\\])([:/]|$))', patternErrorMessage: 'Use https:// (plain http only for localhost / 127.0.0.1).', markdownDescription: 'SDK base URL: with `/v1` for OpenAI-style APIs (`https://api.groq.com/openai/v1`), the origin for Anthropic (`https://api.anthropic.com`), the resource endpoint for Azure. https, or http only on loopback.', examples: ['https://api.openai.com/v1', 'http://127.0.0.1:11434/v1', 'https://my-resource.openai.azure.com'] },
    apiKeySecret: { type: 'string', minLength: 1, markdownDescription: 'Name of the secret holding this provider\'s key in VS Code\'s secret storage. Set it with **Switchboard: Set API Key**; the key itself never goes in settings.', examples: ['openai', 'anthropic', 'groq'] },
    preset: { type: 'string', enum: PRESETS, markdownDescription: 'A known OpenAI-compatible server (`kind: "openai-compatible"` only): default base URL, quirks and pricing.' },
    headers: { type: 'object', additionalProperties: { type: 'string' }, markdownDescription: 'Extra non-secret headers sent with every request. Credentials here (`authorization`, `*-key`, `*auth*`, `*token*`, `*secret*`...) are refused: use `apiKeySecret` or `secretHeaders`.' },
    secretHeaders: { type: 'object', additionalProperties: { type: 'string', minLength: 1 }, markdownDescription: 'Credential headers besides the key (a gateway\'s `cf-aig-authorization`, `helicone-auth`...): header name → name of the secret holding its value. Set the value with **Switchboard: Set API Key**; it is stored in secret storage and sent only to this provider\'s origin.', examples: [{ 'cf-aig-authorization': 'gateway' }] },
    apiVersion: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}(-preview)?$', markdownDescription: 'Azure only: the `api-version` query parameter.', examples: ['2024-10-21'] },
    organization: { type: 'string', markdownDescription: 'OpenAI only: organization id.' },
  },
  { required: ['kind'], defaultSnippets: [{ label: 'OpenAI', body: { kind: 'openai', apiKeySecret: 'openai' } }, { label: 'Ollama (local)', body: { kind: 'openai-compatible', preset: 'ollama' } }] },
);

const deployment = closed(
  {
    id: { type: 'string', minLength: 1, markdownDescription: 'Unique name of this deployment; aliases list these ids.' },
    provider: { type: 'string', minLength: 1, markdownDescription: 'A key of `switchboard.providers`.' },
    model: { type: 'string', minLength: 1, markdownDescription: 'Provider-side model name. **Pin a dated version** (`gpt-4o-2024-08-06`, not `gpt-4o`) so answers and prices do not change under you. For Azure: your deployment name.', examples: ['gpt-4o-mini-2024-07-18', 'claude-3-5-haiku-20241022'] },
    rpm: { type: 'number', exclusiveMinimum: 0, markdownDescription: 'Requests per minute this deployment may take (your provider tier).' },
    tpm: { type: 'number', exclusiveMinimum: 0, markdownDescription: 'Tokens per minute this deployment may take.' },
    weight: { type: 'number', exclusiveMinimum: 0, markdownDescription: 'Share for the `weighted` strategy. Default `1`.' },
    contextWindow: { type: 'integer', minimum: 1, markdownDescription: 'Context window in tokens. Default: from the price library.' },
    maxOutputTokens: { type: 'integer', minimum: 1, markdownDescription: 'Cap on output tokens per answer.' },
    capabilities: closed(
      {
        tools: { type: 'boolean', markdownDescription: 'The model can call tools (function calling).' },
        parallelTools: { type: 'boolean', markdownDescription: 'The model can call several tools in one answer.' },
        vision: { type: 'boolean', markdownDescription: 'The model accepts images.' },
        jsonSchema: { type: 'boolean', markdownDescription: 'The model honours `response_format: json_schema`.' },
        maxOutputTokens: { type: 'integer', minimum: 1, markdownDescription: 'Most output tokens the model can produce.' },
      },
      { markdownDescription: 'What this model can do, over the built-in model table. Routing skips a deployment that cannot serve a request (a tools request never lands on a model without tools).' },
    ),
    price,
    timeouts: closed(timeouts, { markdownDescription: 'Per-deployment timeouts over `switchboard.timeouts`.' }),
  },
  { required: ['id', 'provider', 'model'], defaultSnippets: [{ label: 'deployment', body: { id: '$1', provider: '$2', model: '$3' } }] },
);

const aliasCache = closed({
  exact: { type: 'boolean', markdownDescription: 'Use the exact-match cache for this alias. Default `true`.' },
  storeNonDeterministic: { type: 'boolean', markdownDescription: 'Also store answers with `temperature > 0`. Default `false`.' },
  semantic: { type: 'boolean', markdownDescription: 'Use the semantic cache (needs `switchboard.cache.semantic`). Default `false`.' },
  semanticThreshold: { type: 'number', exclusiveMinimum: 0, maximum: 1, markdownDescription: 'Cosine similarity for a semantic hit. Default `0.95`.' },
  ttlMs: { type: 'number', minimum: 0, markdownDescription: 'How long this alias\'s answers stay cached, ms.' },
});

const aliasList = (what) => ({ type: 'array', items: { type: 'string' }, uniqueItems: true, markdownDescription: what });

const alias = closed(
  {
    deployments: { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true, markdownDescription: 'Deployment ids, in priority order for `ordered`.' },
    strategy: {
      type: 'string',
      enum: STRATEGIES,
      default: 'ordered',
      markdownEnumDescriptions: ['First healthy deployment in list order.', 'Each in turn.', 'By `weight`.', 'Fewest requests in flight.', 'Lowest recent latency (with some exploration).', 'Cheapest by known price (unknown prices sort last).'],
      markdownDescription: 'How a deployment is picked among the healthy ones.',
    },
    fallbacks: aliasList('Aliases tried, in order, when every deployment of this one failed.'),
    contextWindowFallbacks: aliasList('Aliases with larger context windows, tried when the prompt does not fit.'),
    contentPolicyFallbacks: aliasList('Aliases tried when a provider refuses content.'),
    whenAllCooling: { type: 'string', enum: ['wait', 'fail'], markdownEnumDescriptions: ['Wait for the shortest cooldown (up to `maxWaitMs`).', 'Fail at once with the time until one is ready.'], markdownDescription: 'What to do when every deployment is cooling down. Default `fail`.' },
    maxWaitMs: { type: 'number', minimum: 0, markdownDescription: 'Longest wait with `whenAllCooling: "wait"`. Default `10000`.' },
    cache: aliasCache,
  },
  { required: ['deployments'], defaultSnippets: [{ label: 'alias', body: { deployments: ['$1'], fallbacks: ['$2'] } }] },
);

const cache = closed({
  enabled: { type: 'boolean', markdownDescription: 'Exact-match response cache. Default `true`.' },
  maxEntries: count('Cached answers kept.', 1000, 1),
  maxBytes: count('Bytes of cached answers kept.', 67108864, 1),
  ttlMs: ms('How long an answer stays cached.', 86400000),
  persist: { type: 'boolean', markdownDescription: 'Keep the cache across window reloads (in this workspace\'s storage). Default `false`.' },
  semantic: closed(
    {
      embeddingDeployment: { type: 'string', minLength: 1, markdownDescription: 'Deployment serving an OpenAI-compatible `/embeddings` endpoint.' },
      threshold: { type: 'number', exclusiveMinimum: 0, maximum: 1, markdownDescription: 'Cosine similarity for a hit. Default `0.95`; below `0.9` different questions may share answers.' },
      maxEntries: count('Entries in the semantic index.', 1000, 1),
      timeoutMs: ms('Per embeddings call.', 10000),
      dimensions: count('Vector length to request, if the model supports it.', 'model default', 1),
    },
    { required: ['embeddingDeployment'], markdownDescription: 'Semantic cache (off unless set): answers to near-identical questions.' },
  ),
});

/** `contributes.configuration` for package.json. */
module.exports = {
  title: 'Switchboard',
  properties: {
    'switchboard.providers': {
      type: 'object',
      scope: 'application',
      default: {},
      markdownDescription: 'Provider connections by name. Easiest: run **Switchboard: Add Provider**. Keys never go here: `apiKeySecret` names a secret set with **Switchboard: Set API Key**. Application scope: a workspace cannot redirect endpoints.',
      additionalProperties: provider,
      examples: [{ openai: { kind: 'openai', apiKeySecret: 'openai' }, local: { kind: 'openai-compatible', preset: 'ollama' } }],
    },
    'switchboard.deployments': {
      type: 'array',
      scope: 'application',
      default: [],
      markdownDescription: 'Concrete models on a provider, with their limits and optional price. Pin dated model versions. Application scope: a workspace cannot change it.',
      items: deployment,
      examples: [[{ id: 'mini', provider: 'openai', model: 'gpt-4o-mini-2024-07-18', rpm: 500 }]],
    },
    'switchboard.aliases': {
      type: 'object',
      default: {},
      markdownDescription: 'Names you pick in chat (`fast`, `smart`, `cheap`...) mapped to deployments, a strategy and fallbacks.',
      additionalProperties: alias,
      examples: [{ fast: { deployments: ['mini'], fallbacks: ['smart'] }, smart: { deployments: ['sonnet', 'gpt4o'], strategy: 'latency' } }],
    },
    'switchboard.activeAlias': {
      type: 'string',
      default: '',
      markdownDescription: 'The alias chat and commands use: an alias name, or `auto` (a local classifier picks a tier per request; tiers from `switchboard.auto`, else `cheap` → `fast` → `smart`). Empty: the first alias. Pick it from the status bar.',
      examples: ['fast', 'auto'],
    },
    'switchboard.retry': closed(
      {
        maxRetries: count('Retries on the same deployment for transient errors.', 2),
        baseDelayMs: ms('First backoff delay.', 500),
        maxDelayMs: ms('Longest backoff delay.', 8000),
        maxFallbacks: count('Fallback-alias hops per request.', 5),
        maxRetryAfterMs: ms('Longest `Retry-After` worth sleeping for; longer ones fail over.', 20000),
      },
      { default: {}, markdownDescription: 'Retries and backoff (the router is the only layer that retries).' },
    ),
    'switchboard.timeouts': closed(timeouts, { default: {}, markdownDescription: 'Timeouts for every request (a deployment may override them).' }),
    'switchboard.cooldown': closed(
      {
        allowedFails: count('Failures within `windowMs` before a deployment cools down.', 3, 1),
        windowMs: ms('Window for counting failures.', 60000),
        cooldownMs: ms('Cooldown when the provider gave no `Retry-After`.', 30000),
        minCooldownMs: ms('Floor applied to a provider\'s `Retry-After`.', 1000),
        rateLimitMs: ms('Cooldown after a 429 without a retry hint.', 5000),
        maxCooldownMs: ms('Longest cooldown a provider\'s `Retry-After` can impose; longer hints are capped (and logged).', 300000),
      },
      { default: {}, markdownDescription: 'When an unwell deployment is set aside. See it in the **Health** view.' },
    ),
    'switchboard.limits': closed(
      { maxConcurrent: count('Requests running at once across every alias.', 32, 1), maxQueue: count('Requests waiting for a slot; beyond it requests fail at once.', 256) },
      { scope: 'application', default: {}, markdownDescription: 'Concurrency limits. Application scope: a workspace cannot change it.' },
    ),
    'switchboard.cache': { ...cache, scope: 'application', default: {}, markdownDescription: 'Response cache. Application scope: a workspace cannot change it.' },
    'switchboard.budgets': closed(
      {
        workspace: { ...budgetPeriods, markdownDescription: 'This workspace\'s spend.' },
        global: { ...budgetPeriods, markdownDescription: 'Spend across every workspace on this machine.' },
        warnAtFraction: { type: 'number', exclusiveMinimum: 0, maximum: 1, markdownDescription: 'Warn once spend passes this share of a limit. Default `0.8`.' },
      },
      { scope: 'application', default: {}, markdownDescription: 'Spending budgets, read from the cost ledger. Application scope: a workspace cannot raise them.', examples: [{ workspace: { daily: { limitUsd: 2, action: 'warn' } }, global: { monthly: { limitUsd: 50, action: 'block' } } }] },
    ),
    'switchboard.auto': closed(
      {
        name: { type: 'string', minLength: 1, markdownDescription: 'The model name that triggers auto routing. Default `auto`; an alias of that name wins.' },
        tiers: { type: 'array', minItems: 1, items: closed({ alias: { type: 'string', minLength: 1 }, maxScore: { type: 'number', minimum: 0 } }, { required: ['alias'] }), markdownDescription: 'From cheapest to strongest: a request scoring at most `maxScore` goes to `alias`; the last tier takes the rest.' },
      },
      { default: {}, markdownDescription: 'Tiers for `auto` (a local classifier, no model call). Without it, `auto` uses `cheap` → `fast` → `smart` as you have them.', examples: [{ tiers: [{ alias: 'cheap', maxScore: 2 }, { alias: 'fast', maxScore: 4 }, { alias: 'smart' }] }] },
    ),
    'switchboard.guards': closed(
      {
        defaultMaxTokens: count('Output tokens sent as `max_tokens` when a request sets none (a deployment\'s `maxOutputTokens` replaces it).', 4096, 1),
        maxInputChars: count('Largest prompt in characters; larger ones are refused before sending.', 4000000, 1),
        maxOutputChars: count('Largest answer in characters; the answer ends as incomplete there.', 1048576, 1),
        maxOutputTokens: count('Largest answer in streamed chunks/tokens; the answer ends as incomplete there.', 131072, 1),
        loop: closed({ enabled: { type: 'boolean', markdownDescription: 'End an answer that repeats the same chunk, line or short pattern. Default `true`.' }, maxRepeats: count('Repeats that end the answer.', 50, 2) }),
      },
      { scope: 'application', default: {}, markdownDescription: 'Consumption guards: default `max_tokens`, input and output caps, the repeated-output loop guard. Application scope: a workspace cannot change them.' },
    ),
    'switchboard.redaction': closed(
      { enabled: { type: 'boolean', default: true, markdownDescription: 'Replace key-shaped strings (API keys, AWS keys, tokens, private keys) and your stored keys with placeholders before a prompt is sent. Default `true`.' } },
      { scope: 'application', default: {}, markdownDescription: 'Secret redaction before sending, on by default: `{ "enabled": false }` turns it off. Application scope: a workspace\'s settings cannot change it.' },
    ),
    'switchboard.telemetry': closed(
      {
        otlp: closed(
          {
            endpoint: { type: 'string', pattern: '^(https://|http://(localhost|127\\.\\d+\\.\\d+\\.\\d+|\\[::1\\])([:/]|$))', patternErrorMessage: 'Use https:// (plain http only for localhost / 127.0.0.1).', markdownDescription: 'OTLP/HTTP collector URL (https, or http on loopback); `/v1/traces` is added when missing.', examples: ['http://127.0.0.1:4318'] },
            includeContent: { type: 'boolean', default: false, markdownDescription: 'Also export prompts and answers (redacted) on the spans. Default `false`.' },
          },
          { required: ['endpoint'] },
        ),
      },
      { scope: 'application', default: {}, markdownDescription: 'OpenTelemetry traces (opt-in): `{ "otlp": { "endpoint": "http://127.0.0.1:4318" } }`. Collector headers (API keys) are kept in secret storage: run **Switchboard: Set Telemetry Headers**. Application scope: a workspace\'s settings cannot change it.' },
    ),
    'switchboard.prompts': {
      type: 'array',
      default: [],
      markdownDescription: 'Your own commands on the selection, offered by **Switchboard: Run Prompt…** (palette and the editor\'s Switchboard submenu). `template` may use `{{selection}}` (the selected code, attached after the prompt), `{{language}}`, `{{file}}` and `{{input}}` (asked when you run it). `mode`: `chat` answers in the chat, `edit` proposes a replacement of the selection as a diff. `alias` picks the alias to ask (else the active one).',
      items: closed(
        {
          name: { type: 'string', minLength: 1, markdownDescription: 'Shown in the Run Prompt picker and the chat.' },
          template: { type: 'string', minLength: 1, pattern: '^(?:[^{]|\\{(?!\\{)|\\{\\{\\s*(?:selection|language|file|input)\\s*\\}\\})*$', patternErrorMessage: 'Unknown placeholder: use {{selection}}, {{language}}, {{file}} or {{input}}.', markdownDescription: 'The prompt; placeholders `{{selection}}`, `{{language}}`, `{{file}}`, `{{input}}`.' },
          alias: { type: 'string', markdownDescription: 'Alias to ask (from `switchboard.aliases`); the active alias when absent.' },
          mode: { type: 'string', enum: ['chat', 'edit'], default: 'chat', markdownEnumDescriptions: ['Answer in the chat.', 'Propose a replacement of the selection, shown as a diff to accept or reject.'] },
        },
        { required: ['name', 'template'] },
      ),
      examples: [[{ name: 'Translate to Go', template: 'Translate {{selection}} ({{language}}, {{file}}) to Go.', alias: 'smart' }]],
    },
  },
};
