import assert from 'node:assert/strict';
import { MAX_CODE_CHARS, MAX_PROMPT_CHARS, parseToExtension, parseToWebview } from '../../../src/protocol/messages';

describe('protocol: messages from the webview (S5)', () => {
  it('accepts each allow-listed message', () => {
    for (const m of [
      { type: 'ready' },
      { type: 'newChat' },
      { type: 'clearHistory' },
      { type: 'send', requestId: 'r1-a', text: 'hello' },
      { type: 'stop', requestId: 'r1-a' },
      { type: 'openConversation', id: 'c-1' },
      { type: 'deleteConversation', id: 'c-1' },
      { type: 'setAlias', alias: 'smart' },
      { type: 'attach', what: 'selection' },
      { type: 'removeChip', index: 0 },
      { type: 'action', requestId: 'r1', actionId: 'a0' },
      { type: 'codeAction', requestId: 'r1', action: 'apply', code: 'x = 1', language: 'python' },
      { type: 'openLink', href: 'https://example.com/' },
      { type: 'configureFromEnv', provider: 'groq' },
      { type: 'runCommand', command: 'switchboard.addProvider' },
    ]) {
      const p = parseToExtension(m);
      assert.ok(p.ok, JSON.stringify(m));
      assert.deepEqual(p.ok && p.message, m);
    }
  });

  it('drops forged, unknown and oversized messages with a reason', () => {
    const cases: unknown[] = [
      null,
      'send',
      { type: 'eval', code: 'x' },
      { type: 'send', requestId: '../../etc', text: 'x' },
      { type: 'send', requestId: 'r1', text: '' },
      { type: 'send', requestId: 'r1', text: 'x'.repeat(MAX_PROMPT_CHARS + 1) },
      { type: 'stop' },
      { type: 'runCommand', command: 'workbench.action.terminal.sendSequence' },
      { type: 'configureFromEnv', provider: 'evil' },
      { type: 'codeAction', requestId: 'r1', action: 'runInTerminal', code: 'rm -rf /' },
      { type: 'codeAction', requestId: 'r1', action: 'copy', code: 'x'.repeat(MAX_CODE_CHARS + 1) },
      { type: 'attach', what: 'workspace' },
      { type: 'removeChip', index: -1 },
      { type: 'action', requestId: 'r1', actionId: '<script>' },
      { type: 'setAlias', alias: '' },
    ];
    for (const c of cases) {
      const p = parseToExtension(c);
      assert.equal(p.ok, false, JSON.stringify(c)?.slice(0, 100));
      assert.ok(!p.ok && p.reason.length > 0);
    }
  });

  it('strips unknown fields from accepted messages', () => {
    const p = parseToExtension({ type: 'send', requestId: 'r1', text: 'hi', __proto__: { polluted: true }, extra: 1 });
    assert.ok(p.ok);
    assert.deepEqual(Object.keys(p.ok ? p.message : {}).sort(), ['requestId', 'text', 'type']);
  });
});

describe('protocol: messages to the webview', () => {
  it('validates an end with its route and card, coercing non-finite numbers and dropping bad attempts', () => {
    const p = parseToWebview({
      type: 'end',
      requestId: 'r1',
      status: 'error',
      route: { cache: 'miss', totalMs: 5, inputTokens: Infinity, outputTokens: 2, costUsd: 'free', attempts: [{ deploymentId: 'a', outcome: 'error', status: 429, latencyMs: 3 }, { outcome: 'pwned' }] },
      card: { kind: 'rate_limited', title: 't', message: 'm', retryAt: 10, actions: [{ id: 'a0', label: 'Retry' }, { id: '<x>', label: 'bad' }] },
    });
    assert.ok(p.ok && p.message.type === 'end');
    const m = p.ok && p.message.type === 'end' ? p.message : undefined;
    assert.equal(m?.route?.inputTokens, 0);
    assert.equal(m?.route?.costUsd, null);
    assert.deepEqual(m?.route?.attempts, [{ deploymentId: 'a', outcome: 'error', status: 429, latencyMs: 3 }]);
    assert.deepEqual(m?.card?.actions, [{ id: 'a0', label: 'Retry' }]);
  });

  it('keeps only well-formed turns of a restored conversation', () => {
    const good = { requestId: 'r1', prompt: 'hi', chips: [], alias: 'fast', answer: { status: 'ok', text: '# hi', reasoning: '', notices: [] } };
    const p = parseToWebview({ type: 'conversation', id: 'c1', turns: [good, { requestId: 'r2', prompt: 'x', alias: 'fast', answer: { status: 'exploded' } }] });
    assert.ok(p.ok && p.message.type === 'conversation');
    assert.deepEqual(p.ok && p.message.type === 'conversation' && p.message.turns, [good]);
  });

  it('refuses unknown types and bad statuses', () => {
    assert.equal(parseToWebview({ type: 'html', html: '<img src=x onerror=alert(1)>' }).ok, false);
    assert.equal(parseToWebview({ type: 'end', requestId: 'r1', status: 'pwned' }).ok, false);
    assert.equal(parseToWebview({ type: 'end', requestId: 'r1', status: 'streaming' }).ok, false);
  });
});
