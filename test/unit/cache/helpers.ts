import { CachedAnswer } from '../../../src/core/cache/cache-entry';
import { CacheKeyInput } from '../../../src/core/cache/cache-key';
import { ChatRequest } from '../../../src/core/model/chat-request';

export function baseRequest(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: 'fast',
    messages: [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'What is a monad?' },
    ],
    temperature: 0,
    ...overrides,
  };
}

export function keyInput(overrides: Partial<CacheKeyInput> = {}): CacheKeyInput {
  return {
    request: baseRequest(),
    resolvedTarget: 'fast',
    deployments: [{ provider: 'oa', model: 'gpt-4o-mini-2024-07-18' }],
    accountFingerprint: 'fp1:aaaa',
    workspace: 'file:///ws/one',
    configHash: 'cfg-1',
    ...overrides,
  };
}

export function makeEntry(overrides: Partial<CachedAnswer> = {}): CachedAnswer {
  return {
    content: 'A monoid in the category of endofunctors.',
    usage: { inputTokens: 20, outputTokens: 9, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, estimated: false },
    finishReason: { unified: 'stop', raw: 'stop' },
    deploymentId: 'mini',
    provider: 'oa',
    model: 'gpt-4o-mini-2024-07-18',
    costUsd: 0.0012,
    createdAt: 0,
    request: { messageCount: 2, promptChars: 30, preview: 'What is a monad?', temperature: 0 },
    tags: { workspace: 'file:///ws/one', alias: 'fast', fingerprint: 'fp1:aaaa' },
    ...overrides,
  };
}

/** A clock the test moves by hand. */
export function fakeClock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}
