/** Settings that map 1:1 onto the core's config contract (kept free of `vscode` so tests can read it). */
export const CONFIG_KEYS = ['providers', 'deployments', 'aliases', 'retry', 'timeouts', 'cooldown', 'cache', 'budgets', 'auto', 'limits', 'guards', 'redaction', 'telemetry'] as const;
