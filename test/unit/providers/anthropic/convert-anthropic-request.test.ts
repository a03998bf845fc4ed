import * as assert from 'node:assert/strict';
import { ChatRequest } from '../../../../src/core/model/chat-request';
import { toCanonicalCall } from '../../../../src/core/model/to-canonical-call';
import { SwitchboardError } from '../../../../src/core/model/switchboard-error';
import {
  AnthropicRequestBody,
  LEADING_USER_PLACEHOLDER,
  convertAnthropicRequest as convertRequest,
  defaultAnthropicMaxTokens,
} from '../../../../src/core/providers/anthropic/convert-anthropic-request';
import { CanonicalCall } from '../../../../src/core/model/canonical-call';

function req(messages: ChatRequest['messages'], extra: Partial<ChatRequest> = {}): CanonicalCall {
  return toCanonicalCall({ model: 'alias', messages, ...extra });
}

const convertAnthropicRequest = (call: CanonicalCall, model: string, stream: boolean): AnthropicRequestBody => convertRequest(call, model, stream).body;

describe('convertAnthropicRequest', () => {
  it('moves system messages into the top-level system and uses the deployment model', () => {
    const body = convertAnthropicRequest(
      req([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'system', content: 'Answer in French.' },
      ]),
      'claude-sonnet-4-5-20250929',
      true,
    );
    assert.equal(body.model, 'claude-sonnet-4-5-20250929');
    assert.equal(body.system, 'Be brief.\n\nAnswer in French.');
    assert.deepEqual(body.messages, [{ role: 'user', content: 'Hi' }]);
    assert.equal(body.stream, true);
  });

  it('defaults max_tokens when missing and keeps the caller value otherwise', () => {
    assert.equal(convertAnthropicRequest(req([{ role: 'user', content: 'x' }]), 'm', false).max_tokens, defaultAnthropicMaxTokens('m'));
    assert.equal(defaultAnthropicMaxTokens('m'), 4096);
    assert.equal(convertAnthropicRequest(req([{ role: 'user', content: 'x' }], { max_tokens: 77 }), 'm', false).max_tokens, 77);
  });

  it('merges consecutive same-role messages so roles alternate', () => {
    const body = convertAnthropicRequest(
      req([
        { role: 'user', content: 'a' },
        { role: 'user', content: 'b' },
        { role: 'assistant', content: 'c' },
        { role: 'system', content: 's' },
        { role: 'assistant', content: 'd' },
        { role: 'user', content: 'e' },
      ]),
      'm',
      false,
    );
    assert.deepEqual(body.messages, [
      { role: 'user', content: 'a\n\nb' },
      { role: 'assistant', content: 'c\n\nd' },
      { role: 'user', content: 'e' },
    ]);
  });

  it('puts a user turn before a leading assistant message', () => {
    const body = convertAnthropicRequest(req([{ role: 'assistant', content: 'Hello!' }, { role: 'user', content: 'Hi' }]), 'm', false);
    assert.deepEqual(body.messages[0], { role: 'user', content: LEADING_USER_PLACEHOLDER });
    assert.deepEqual(body.messages.map((m) => m.role), ['user', 'assistant', 'user']);
  });

  it('drops empty messages and trims a final assistant prefill', () => {
    const body = convertAnthropicRequest(
      req([{ role: 'user', content: 'q' }, { role: 'user', content: '  ' }, { role: 'assistant', content: 'The answer is ' }]),
      'm',
      false,
    );
    assert.deepEqual(body.messages, [{ role: 'user', content: 'q' }, { role: 'assistant', content: 'The answer is' }]);
  });

  it('throws bad_request when only system or empty messages remain', () => {
    assert.throws(
      () => convertAnthropicRequest(req([{ role: 'system', content: 's' }, { role: 'user', content: '' }]), 'm', false),
      (e: unknown) => SwitchboardError.isInstance(e) && e.kind === 'bad_request',
    );
  });

  it('maps parameters: temperature clamped to 0..1, top_p only without temperature, stop -> stop_sequences', () => {
    const a = convertAnthropicRequest(req([{ role: 'user', content: 'x' }], { temperature: 1.5, top_p: 0.9, stop: 'END', seed: 1 }), 'm', false);
    assert.equal(a.temperature, 1);
    assert.equal(a.top_p, undefined);
    assert.deepEqual(a.stop_sequences, ['END']);
    assert.equal('seed' in a, false);
    const b = convertAnthropicRequest(req([{ role: 'user', content: 'x' }], { top_p: 0.5, stop: ['a', 'b'] }), 'm', false);
    assert.equal(b.top_p, 0.5);
    assert.equal('temperature' in b, false);
    assert.deepEqual(b.stop_sequences, ['a', 'b']);
    assert.equal('system' in b, false);
  });
});
