/**
 * The one way Switchboard writes a US dollar amount: core messages (budgets),
 * the extension (status bar, spending report) and the webviews (answer labels,
 * the cost report), so the same cost never reads differently in two places.
 * It lives in the protocol because the webviews may import nothing else; it is
 * pure and dependency-free, so the core re-exports it from here.
 * Small spends keep their significant digits: `$0.000028`, not `$0.00`.
 *
 * - 0 → `$0.00`; ≥ $1 → 2 decimals; ≥ $0.01 → 4 decimals; below → 6 decimals.
 * - A positive amount too small for 6 decimals reads `<$0.000001`, never `$0.000000`.
 */
export function formatUsd(usd: number): string {
  if (!Number.isFinite(usd)) return '$?';
  const sign = usd < 0 ? '-' : '';
  const abs = Math.abs(usd);
  if (abs === 0) return '$0.00';
  if (abs < 0.0000005) return `${sign}<$0.000001`;
  const decimals = abs >= 1 ? 2 : abs >= 0.01 ? 4 : 6;
  return `${sign}$${abs.toFixed(decimals)}`;
}

/** A cost that may be unknown (no price for the model). */
export function formatCost(usd: number | null): string {
  return usd === null ? 'cost unknown' : formatUsd(usd);
}
