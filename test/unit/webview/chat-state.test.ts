import assert from 'node:assert/strict';
import type { TurnView } from '../../../src/protocol/chat-model';
import { INITIAL_STATE, chatReducer, lastPrompt } from '../../../src/webview/state/chat-state';

function turn(requestId: string, prompt = 'q'): TurnView {
  return { requestId, prompt, chips: [], alias: 'fast', answer: { status: 'streaming', text: '', reasoning: '', notices: [] } };
}

describe('webview: the chat view model (reducer keyed by request id)', () => {
  it('streams text into the right answer and ends it with its route and card; other turns keep their identity', () => {
    let s = chatReducer(INITIAL_STATE, { type: 'conversation', id: 'c1', turns: [{ ...turn('r1'), answer: { status: 'ok', text: 'old', reasoning: '', notices: [] } }] });
    s = chatReducer(s, { type: 'turn', conversationId: 'c1', turn: turn('r2', 'second') });
    const first = s.turns.get('r1');
    s = chatReducer(s, { type: 'text', requestId: 'r2', text: 'Hel' });
    s = chatReducer(s, { type: 'text', requestId: 'r2', text: 'lo' });
    s = chatReducer(s, { type: 'notice', requestId: 'r2', message: 'fallback' });
    s = chatReducer(s, { type: 'end', requestId: 'r2', status: 'incomplete', card: { kind: 'incomplete', title: 't', message: 'm', actions: [{ id: 'a0', label: 'Retry' }] } });
    assert.deepEqual(s.order, ['r1', 'r2']);
    assert.equal(s.turns.get('r1'), first, 'an unchanged turn is the same object (not re-rendered)');
    const a = s.turns.get('r2')?.answer;
    assert.equal(a?.text, 'Hello');
    assert.equal(a?.status, 'incomplete');
    assert.deepEqual(a?.notices, ['fallback']);
    assert.equal(a?.card?.actions[0]?.label, 'Retry');
    assert.equal(lastPrompt(s), 'second');
  });

  it('ignores chunks of requests not in the shown conversation and turns of another conversation', () => {
    let s = chatReducer(INITIAL_STATE, { type: 'conversation', id: 'c1', turns: [] });
    const before = s;
    s = chatReducer(s, { type: 'text', requestId: 'elsewhere', text: 'x' });
    s = chatReducer(s, { type: 'turn', conversationId: 'c2', turn: turn('r9') });
    assert.equal(s, before);
  });

  it('switching conversations replaces the turns; a duplicate turn is not added twice', () => {
    let s = chatReducer(INITIAL_STATE, { type: 'conversation', id: 'c1', turns: [turn('r1')] });
    s = chatReducer(s, { type: 'turn', conversationId: 'c1', turn: turn('r1') });
    assert.deepEqual(s.order, ['r1']);
    s = chatReducer(s, { type: 'conversation', id: 'c2', turns: [] });
    assert.deepEqual(s.order, []);
    assert.equal(s.conversationId, 'c2');
    assert.equal(lastPrompt(s), undefined);
  });
});
