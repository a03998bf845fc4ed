const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * A reset instant as a person reads it: the local date and time with its UTC
 * offset ("2026-11-27 00:00 (UTC+01:00)"). Budgets reset at local midnight, so
 * an ISO time in UTC ("2026-11-26T23:00:00.000Z") read as the wrong day.
 */
export function formatResetTime(ts: number): string {
  const d = new Date(ts);
  const offsetMin = -d.getTimezoneOffset();
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const zone = offsetMin === 0 ? 'UTC' : `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())} (${zone})`;
}
