import assert from 'node:assert/strict';
import { LedgerRow } from '../../../src/core/ledger/ledger-types';
import { summarizeRows, summarizeRowsSliced } from '../../../src/core/ledger/ledger-summary';
import { createTimeSlicer } from '../../../src/core/scheduling/time-slicer';

function row(i: number): LedgerRow {
  return {
    ts: 1_700_000_000_000 + i * 60_000,
    day: `2023-11-${String(14 + (i % 5)).padStart(2, '0')}`,
    month: '2023-11',
    model: i % 3 === 0 ? 'gpt-4o-2024-11-20' : 'claude-sonnet-4-5',
    alias: i % 2 === 0 ? 'smart' : 'fast',
    deploymentId: `d${i % 4}`,
    provider: 'oa',
    origin: i % 7 === 0 ? 'command' : 'chat',
    status: i % 11 === 0 ? 'error' : 'ok',
    cache: i % 13 === 0 ? 'hit' : 'miss',
    workspace: 'w',
    count: 1,
    inputTokens: 100 + i,
    outputTokens: 20 + (i % 50),
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: i % 3,
    costUsd: 0.0001 * (i % 17),
    costUnknown: i % 19 === 0 ? 1 : 0,
    estimated: i % 23 === 0 ? 1 : 0,
    savedUsd: 0,
  };
}

describe('ledger summary in time slices (P6: the cost report over 100k rows)', () => {
  const rows = Array.from({ length: 5_000 }, (_, i) => row(i));

  it('yields to the event loop between slices and says exactly what the one-block summary says', async () => {
    let pauses = 0;
    // A zero-length slice yields at every clock check (each 128 rows).
    const slicer = createTimeSlicer(async () => {
      pauses++;
    }, 0);
    const query = { from: rows[100]!.ts, groupBy: ['day', 'model'] as const };
    const sliced = await summarizeRowsSliced(rows, { ...query, groupBy: [...query.groupBy] }, slicer);
    assert.ok(pauses >= Math.floor(4_900 / 128) - 1, `yielded ${pauses} times over 5,000 rows`);
    assert.deepEqual(sliced, summarizeRows(rows, { ...query, groupBy: [...query.groupBy] }));
  });

  it('counts the rows there were when it began, not ones appended while it yields', async () => {
    const growing = rows.slice();
    const slicer = createTimeSlicer(async () => {
      growing.push(row(growing.length));
    }, 0);
    const s = await summarizeRowsSliced(growing, {}, slicer);
    assert.equal(s.totals.requests, 5_000);
    assert.ok(growing.length > 5_000);
  });
});
