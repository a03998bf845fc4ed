import assert from 'node:assert/strict';
import { errorCard, incompleteCard } from '../../../src/extension/chat/error-card';
import type { SwitchboardConfig } from '../../../src/core/index';

const config = {
  providers: { oa: { kind: 'openai', apiKeySecret: 'openai' } },
  deployments: [
    { id: 'mini', provider: 'oa', model: 'gpt-4o-mini', contextWindow: 128_000 },
    { id: 'big', provider: 'oa', model: 'gpt-4.1', contextWindow: 1_000_000 },
  ],
  aliases: { fast: { deployments: ['mini'], fallbacks: ['smart'] }, smart: { deployments: ['big'] } },
} as unknown as SwitchboardConfig;

function labels(spec: ReturnType<typeof errorCard>): string[] {
  return spec.card.actions.map((a) => a.label);
}

describe('chat: error cards and their actions', () => {
  it('rate limited: counts down to the Retry-After and offers Retry and the fallback alias', () => {
    const spec = errorCard({ kind: 'rate_limited', message: 'slow down', retryAfterMs: 7000 }, 'fast', config, 1000);
    assert.deepEqual(labels(spec), ['Retry', 'Use smart now']);
    assert.equal(spec.card.retryAt, 8000);
    assert.deepEqual(spec.actions[spec.card.actions[1]?.id ?? ''], { kind: 'retry', alias: 'smart' });
  });

  it('no deployment available: the cooldown end from health when there is no Retry-After', () => {
    const spec = errorCard({ kind: 'no_deployment_available', message: 'all cooling' }, 'fast', config, 1000, 31_000);
    assert.equal(spec.card.retryAt, 31_000);
  });

  it('auth: "Set API Key" for the provider of the deployment that refused', () => {
    const spec = errorCard({ kind: 'auth', message: '401', deploymentId: 'mini' }, 'fast', config, 0);
    assert.equal(labels(spec)[0], 'Set API Key');
    assert.deepEqual(spec.actions[spec.card.actions[0]?.id ?? ''], { kind: 'setApiKey', provider: 'oa' });
  });

  it('budget: the budget message and "Show Spending"; context overflow: New chat and the larger-window alias', () => {
    assert.deepEqual(labels(errorCard({ kind: 'budget_exceeded', message: 'daily budget $1.00 reached' }, 'fast', config, 0)), ['Show Spending']);
    assert.deepEqual(labels(errorCard({ kind: 'context_overflow', message: 'too long' }, 'fast', config, 0)), ['New chat', 'Retry with smart']);
    assert.deepEqual(labels(errorCard({ kind: 'context_overflow', message: 'too long' }, 'smart', config, 0)), ['New chat'], 'nothing larger than the largest');
  });

  it('an incomplete answer offers Retry and says the text is partial', () => {
    const spec = incompleteCard('The stream was cut.');
    assert.equal(spec.card.kind, 'incomplete');
    assert.deepEqual(labels(spec), ['Retry']);
    assert.match(spec.card.message, /what arrived before it stopped/);
  });
});
