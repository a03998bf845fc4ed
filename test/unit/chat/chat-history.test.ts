import assert from 'node:assert/strict';
import { ChatHistory, HistoryStore, StoredTurn } from '../../../src/extension/chat/chat-history';

/** A Memento in memory: values round-trip through JSON like VS Code's storage. */
function memoryStore(): HistoryStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get: <T>(key: string) => (data.has(key) ? (JSON.parse(data.get(key) as string) as T) : undefined),
    update: (key: string, value: unknown) => {
      data.set(key, JSON.stringify(value));
      return Promise.resolve();
    },
  };
}

function turn(requestId: string, text = 'answer', status: StoredTurn['answer']['status'] = 'ok'): StoredTurn {
  return { requestId, prompt: `question ${requestId}`, chips: [], alias: 'fast', answer: { status, text, reasoning: '', notices: [] }, sent: `question ${requestId}`, origin: 'chat' };
}

describe('chat history per workspace (bounded, restored after reload)', () => {
  let clock = 1000;
  let ids = 0;
  const make = (store: HistoryStore, limits?: { maxConversations: number; maxBytes: number }) => new ChatHistory(store, () => (clock += 1), () => `c${(ids += 1)}`, limits);

  it('restores conversations and the open one from storage; a streaming answer comes back incomplete with Retry', async () => {
    const store = memoryStore();
    const h = make(store);
    h.addTurn(h.current, turn('r1'));
    h.addTurn(h.current, turn('r2', 'half an ans', 'streaming'));
    const openId = h.current.id;
    await h.flush();
    const restored = make(store);
    assert.equal(restored.current.id, openId);
    assert.equal(restored.current.title, 'question r1');
    assert.deepEqual(restored.current.turns.map((t) => t.answer.status), ['ok', 'incomplete']);
    assert.equal(restored.current.turns[1]?.answer.text, 'half an ans');
    assert.equal(restored.current.turns[1]?.answer.card?.actions[0]?.label, 'Retry');
    assert.deepEqual(restored.current.turns[1]?.cardActions, { a0: { kind: 'retry' } });
  });

  it('drops the oldest conversations first past the count limit, never the open one', async () => {
    const store = memoryStore();
    const h = make(store, { maxConversations: 2, maxBytes: 1e9 });
    const first = h.current;
    h.addTurn(first, turn('a'));
    h.startNew();
    h.addTurn(h.current, turn('b'));
    h.startNew();
    h.addTurn(h.current, turn('c'));
    await h.flush();
    assert.deepEqual(h.list().map((c) => c.title), ['question c', 'question b']);
    assert.equal(h.find(first.id), undefined);
  });

  it('keeps the stored size under the byte limit, trimming the open conversation last', async () => {
    const store = memoryStore();
    const h = make(store, { maxConversations: 50, maxBytes: 3000 });
    for (let i = 0; i < 5; i++) {
      h.addTurn(h.current, turn(`r${i}`, 'x'.repeat(400)));
      h.startNew();
    }
    h.addTurn(h.current, turn('big1', 'y'.repeat(1500)));
    h.addTurn(h.current, turn('big2', 'y'.repeat(1500)));
    await h.flush();
    const saved = [...store.data.values()][0] ?? '';
    assert.ok(saved.length <= 3000 + 200, `stored ${saved.length} bytes`);
    assert.deepEqual(h.current.turns.map((t) => t.requestId), ['big2'], 'the open conversation keeps its newest turn');
  });

  it('deletes one conversation and clears all', async () => {
    const store = memoryStore();
    const h = make(store);
    h.addTurn(h.current, turn('a'));
    const a = h.current.id;
    h.startNew();
    h.addTurn(h.current, turn('b'));
    h.delete(a);
    assert.deepEqual(h.list().map((c) => c.title), ['question b']);
    h.clear();
    await h.flush();
    assert.deepEqual(make(store).list(), [], 'an empty New chat is not listed');
  });
});
