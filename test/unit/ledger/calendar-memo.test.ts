import assert from 'node:assert/strict';
import { Calendar, localCalendar, utcCalendar, withDayMemo } from '../../../src/core/ledger/calendar';

/**
 * The ledger stores ask their calendar through `withDayMemo`, which keeps the
 * last day asked about. It must answer exactly as the calendar it wraps, in any
 * order of timestamps, across midnights, month ends and DST changes.
 */
function compare(cal: Calendar, timestamps: readonly number[]): void {
  const memo = withDayMemo(cal);
  for (const ts of timestamps) {
    const at = new Date(ts).toISOString();
    assert.equal(memo.dayKey(ts), cal.dayKey(ts), `dayKey ${at}`);
    assert.equal(memo.monthKey(ts), cal.monthKey(ts), `monthKey ${at}`);
    assert.equal(memo.startOfDay(ts), cal.startOfDay(ts), `startOfDay ${at}`);
    assert.equal(memo.startOfNextDay(ts), cal.startOfNextDay(ts), `startOfNextDay ${at}`);
    assert.equal(memo.startOfMonth(ts), cal.startOfMonth(ts), `startOfMonth ${at}`);
    assert.equal(memo.startOfNextMonth(ts), cal.startOfNextMonth(ts), `startOfNextMonth ${at}`);
  }
}

/** Timestamps around the given instants (± a few ms, minutes and hours) in order, then the same shuffled. */
function around(instants: readonly number[], seed: number): number[] {
  const offsets = [-3_600_000 * 3, -60_000, -1, 0, 1, 60_000, 3_600_000 * 3];
  const inOrder = instants.flatMap((t) => offsets.map((o) => t + o));
  let s = seed;
  const random = (): number => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const shuffled = [...inOrder].sort(() => random() - 0.5);
  return [...inOrder, ...shuffled];
}

describe('ledger/calendar: withDayMemo answers as the calendar it wraps', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it('UTC: midnights, month and year ends, a leap day, in order and shuffled', () => {
    const instants = [Date.UTC(2026, 0, 1), Date.UTC(2026, 0, 31, 23, 59, 59, 999), Date.UTC(2028, 1, 29, 12), Date.UTC(2026, 11, 31, 23, 59, 59, 999), Date.UTC(2026, 10, 27, 1, 40)];
    compare(utcCalendar, around(instants, 7));
  });

  for (const zone of ['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'America/Santiago']) {
    it(`local time in ${zone}: across its DST changes and midnights`, () => {
      process.env.TZ = zone;
      // Every 30 minutes through two weeks around each of 2026's usual DST dates (March, April, September, October, November).
      const starts = [Date.UTC(2026, 2, 1), Date.UTC(2026, 3, 1), Date.UTC(2026, 8, 1), Date.UTC(2026, 9, 20), Date.UTC(2026, 10, 1)];
      const instants = starts.flatMap((s) => Array.from({ length: 14 * 48 }, (_, i) => s + i * 1_800_000));
      compare(localCalendar, around(instants, 11).filter((_, i) => i % 3 === 0));
    });
  }

  it('each memo is its own: two stores asking about different days do not share an answer', () => {
    const a = withDayMemo(utcCalendar);
    const b = withDayMemo(utcCalendar);
    assert.equal(a.dayKey(Date.UTC(2026, 0, 1, 5)), '2026-01-01');
    assert.equal(b.dayKey(Date.UTC(2026, 5, 1, 5)), '2026-06-01');
    assert.equal(a.dayKey(Date.UTC(2026, 0, 1, 6)), '2026-01-01');
  });
});
