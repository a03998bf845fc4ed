import assert from 'node:assert/strict';
import { parseToExtension, parseToWebview } from '../../../src/protocol/messages';

describe('protocol: turns from commands, chips and answer buttons', () => {
  it('accepts a command turn with chips and answer buttons, cutting over-long labels', () => {
    const turn = { type: 'turn', requestId: 'c1-a', display: 'Fix', chips: [{ label: 'calc.ts:1-3', languageId: 'typescript', path: 'src/calc.ts' }] };
    assert.deepEqual(parseToWebview(turn), { ok: true, message: turn });
    const actions = parseToWebview({ type: 'actions', requestId: 'c1-a', note: 'Proposed edit', labels: ['Accept', 'x'.repeat(500)] });
    assert.ok(actions.ok && actions.message.type === 'actions' && actions.message.labels[1]?.length === 200);
  });

  it('refuses malformed turns, chips and button lists', () => {
    for (const m of [
      { type: 'turn', requestId: 'c1', display: 'x', chips: [{ label: 1 }] },
      { type: 'turn', requestId: '<script>', display: 'x', chips: [] },
      { type: 'actions', requestId: 'c1', note: 'n', labels: Array.from({ length: 9 }, () => 'b') },
      { type: 'actions', requestId: 'c1', note: 'n', labels: [1] },
    ]) assert.equal(parseToWebview(m).ok, false, JSON.stringify(m));
  });

  it('accepts a button click by index only within bounds', () => {
    assert.deepEqual(parseToExtension({ type: 'answerAction', requestId: 'c1', index: 1, run: 'evil' }), { ok: true, message: { type: 'answerAction', requestId: 'c1', index: 1 } });
    for (const index of [-1, 8, 1.5, '0']) assert.equal(parseToExtension({ type: 'answerAction', requestId: 'c1', index }).ok, false);
  });
});
