/**
 * User settings for the common e2e setup: one OpenAI-compatible provider at the
 * fake server, one priced deployment, and the alias `fast` on it (active).
 */
export function fakeAliasSettings(openaiBaseUrl: string, deploymentId = 'fake-d'): Record<string, unknown> {
  return {
    'switchboard.providers': { fake: { kind: 'openai-compatible', baseUrl: openaiBaseUrl } },
    'switchboard.deployments': [{ id: deploymentId, provider: 'fake', model: 'fake-model', price: { inputPerMTok: 1, outputPerMTok: 2 } }],
    'switchboard.aliases': { fast: { deployments: [deploymentId] } },
    'switchboard.activeAlias': 'fast',
  };
}
