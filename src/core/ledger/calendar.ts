/**
 * Day and month boundaries for reports and budgets. Budgets reset at the
 * user's midnight, so the host picks local time; tests and servers pick UTC.
 */
export interface Calendar {
  /** `YYYY-MM-DD` of the day containing `ts`. */
  dayKey(ts: number): string;
  /** `YYYY-MM` of the month containing `ts`. */
  monthKey(ts: number): string;
  startOfDay(ts: number): number;
  startOfNextDay(ts: number): number;
  startOfMonth(ts: number): number;
  startOfNextMonth(ts: number): number;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function makeCalendar(utc: boolean): Calendar {
  const parts = (ts: number): [number, number, number] => {
    const d = new Date(ts);
    return utc ? [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()] : [d.getFullYear(), d.getMonth(), d.getDate()];
  };
  const at = (y: number, m: number, day: number): number => (utc ? Date.UTC(y, m, day) : new Date(y, m, day).getTime());
  return {
    dayKey(ts) {
      const [y, m, d] = parts(ts);
      return `${pad(y, 4)}-${pad(m + 1)}-${pad(d)}`;
    },
    monthKey(ts) {
      const [y, m] = parts(ts);
      return `${pad(y, 4)}-${pad(m + 1)}`;
    },
    startOfDay(ts) {
      const [y, m, d] = parts(ts);
      return at(y, m, d);
    },
    startOfNextDay(ts) {
      const [y, m, d] = parts(ts);
      return at(y, m, d + 1);
    },
    startOfMonth(ts) {
      const [y, m] = parts(ts);
      return at(y, m, 1);
    },
    startOfNextMonth(ts) {
      const [y, m] = parts(ts);
      return at(y, m + 1, 1);
    },
  };
}

export const utcCalendar: Calendar = makeCalendar(true);
export const localCalendar: Calendar = makeCalendar(false);

/**
 * `cal` with the last day asked about kept: a store asks for the day and month
 * of every record it appends or reads, nearly always the same day as the one
 * before, and each answer in local time is a `Date` and three zone lookups.
 * One per store (made where the store is), so nothing is shared between them.
 */
export function withDayMemo(cal: Calendar): Calendar {
  let last: { from: number; until: number; day: string; month: string } | undefined;
  const dayOf = (ts: number): { from: number; until: number; day: string; month: string } => {
    if (last !== undefined && ts >= last.from && ts < last.until) return last;
    const from = cal.startOfDay(ts);
    last = { from, until: cal.startOfNextDay(ts), day: cal.dayKey(ts), month: cal.monthKey(ts) };
    return last;
  };
  return {
    dayKey: (ts) => dayOf(ts).day,
    monthKey: (ts) => dayOf(ts).month,
    startOfDay: (ts) => dayOf(ts).from,
    startOfNextDay: (ts) => dayOf(ts).until,
    startOfMonth: (ts) => cal.startOfMonth(ts),
    startOfNextMonth: (ts) => cal.startOfNextMonth(ts),
  };
}
