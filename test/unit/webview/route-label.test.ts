import assert from 'node:assert/strict';
import type { RouteInfo } from '../../../src/protocol/chat-model';
import { routeLabel } from '../../../src/webview/render/route-label';

const base: RouteInfo = { cache: 'miss', totalMs: 1500, inputTokens: 100, outputTokens: 20, cacheReadTokens: 0, reasoningTokens: 0, estimated: false, costUsd: 0.0012, attempts: [] };

describe('webview: the routing label under an answer', () => {
  it('names alias, deployment and model, the fallback and its status, times, tokens and cost', () => {
    const label = routeLabel({
      ...base,
      alias: 'fast',
      deploymentId: 'backup',
      model: 'gpt-4o-mini',
      ttftMs: 300,
      cacheReadTokens: 60,
      reasoningTokens: 5,
      attempts: [
        { deploymentId: 'primary', outcome: 'error', status: 429, errorKind: 'rate_limited', latencyMs: 20 },
        { deploymentId: 'backup', outcome: 'ok', latencyMs: 1400 },
      ],
    });
    assert.equal(label, 'fast → backup (gpt-4o-mini) · fallback after primary 429 · first token 300 ms · total 1.5 s · 100 in (60 cached) · 20 out (5 reasoning) · $0.001200');
  });

  it('says cache hit / semantic hit, and marks estimated usage and cost', () => {
    assert.match(routeLabel({ ...base, cache: 'hit', costUsd: 0 }), /cache hit/);
    assert.match(routeLabel({ ...base, cache: 'semantic-hit', similarity: 0.971 }), /semantic hit 0\.97/);
    assert.match(routeLabel({ ...base, estimated: true }), /\(estimated\) · \$0\.001200 estimated$/);
  });

  it('shows no zero-value tokens or cost line for a request that used nothing', () => {
    const label = routeLabel({ ...base, inputTokens: 0, outputTokens: 0, costUsd: 0, attempts: [{ deploymentId: 'a', outcome: 'error', status: 401, latencyMs: 5 }] });
    assert.doesNotMatch(label, /0 in|\$0\.00/);
    assert.match(label, /^tried a · total/);
    assert.match(routeLabel({ ...base, alias: 'fast', inputTokens: 0, outputTokens: 0, costUsd: 0 }), /^fast → not sent · total/);
    assert.match(routeLabel({ ...base, costUsd: null }), /cost unknown/);
  });
});
