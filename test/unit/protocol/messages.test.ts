import assert from 'node:assert/strict';
import { MAX_PROMPT_CHARS, MAX_TOOL_NAME_CHARS, parseToExtension, parseToWebview } from '../../../src/protocol/messages';

describe('protocol: messages from the webview (S5)', () => {
  it('accepts each allow-listed message', () => {
    for (const m of [
      { type: 'ready' },
      { type: 'clear' },
      { type: 'send', requestId: 'r1-a', text: 'hello' },
      { type: 'stop', requestId: 'r1-a' },
      { type: 'configureFromEnv', provider: 'groq' },
      { type: 'runCommand', command: 'switchboard.setApiKey' },
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
      { type: 'send', requestId: 'x'.repeat(65), text: 'hi' },
    ];
    for (const c of cases) {
      const p = parseToExtension(c);
      assert.equal(p.ok, false, JSON.stringify(c)?.slice(0, 80));
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
  it('validates end summaries and coerces non-finite numbers', () => {
    const p = parseToWebview({ type: 'end', requestId: 'r1', summary: { status: 'ok', inputTokens: 3, outputTokens: Infinity, estimated: false, costUsd: 'free', latencyMs: 5 } });
    assert.ok(p.ok);
    assert.deepEqual(p.ok && p.message, { type: 'end', requestId: 'r1', summary: { status: 'ok', inputTokens: 3, outputTokens: 0, estimated: false, costUsd: null, latencyMs: 5 } });
  });

  it('accepts a tool call with its name only, cut to a bounded length', () => {
    const p = parseToWebview({ type: 'toolCall', requestId: 'r1', name: 'get_weather', arguments: '{"city":"Paris"}' });
    assert.deepEqual(p.ok && p.message, { type: 'toolCall', requestId: 'r1', name: 'get_weather' });
    const long = parseToWebview({ type: 'toolCall', requestId: 'r1', name: 'x'.repeat(MAX_TOOL_NAME_CHARS + 50) });
    assert.equal(long.ok && long.message.type === 'toolCall' && long.message.name.length, MAX_TOOL_NAME_CHARS);
    assert.equal(parseToWebview({ type: 'toolCall', requestId: 'r1', name: 42 }).ok, false);
  });

  it('refuses unknown types and bad statuses', () => {
    assert.equal(parseToWebview({ type: 'html', html: '<img src=x onerror=alert(1)>' }).ok, false);
    assert.equal(parseToWebview({ type: 'end', requestId: 'r1', summary: { status: 'pwned' } }).ok, false);
  });
});
