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
