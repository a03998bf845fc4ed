/**
 * Shared helpers for the benchmarks: the bundled core (dist/core.js, as scripts
 * outside the extension load it), percentiles, timing and a config pointing at
 * a fake provider. Benchmarks print figures; they never pass or fail on time.
 */
import * as path from 'node:path';
import type * as Core from '../../src/core/index';
import type { SwitchboardConfig } from '../../src/core/index';

/** The public core exactly as `node esbuild.js` bundled it. Build first (`npm run bench` does). */
export function loadCore(bundle?: string): typeof Core {
  const file = bundle ? path.resolve(bundle) : path.resolve(__dirname, '../../dist/core.js');
  try {
    return require(file) as typeof Core;
  } catch (err) {
    throw new Error(`Cannot load ${file}; run \`node esbuild.js\` first (${err instanceof Error ? err.message : String(err)})`);
  }
}

export interface Stats {
  n: number;
  mean: number;
  p5: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function stats(samples: readonly number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
  const mean = s.reduce((a, b) => a + b, 0) / Math.max(1, s.length);
  return { n: s.length, mean, p5: at(0.05), p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s[s.length - 1] ?? NaN };
}

export function median(samples: readonly number[]): number {
  return stats(samples).p50;
}

/** Milliseconds since an hrtime start, as a float. */
export function msSince(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export const MODEL = 'gpt-4o-mini-2024-07-18';
export const KEY = 'sk-bench-0123456789';

/** One OpenAI-format provider on the fake server, one deployment, alias "fast". */
export function benchConfig(openaiBaseUrl: string, extra: Partial<SwitchboardConfig> = {}): SwitchboardConfig {
  return {
    providers: { oa: { kind: 'openai', baseUrl: openaiBaseUrl, apiKeySecret: 'oa' } },
    deployments: [{ id: 'mini', provider: 'oa', model: MODEL, price: { inputPerMTok: 0.15, outputPerMTok: 0.6 } }],
    aliases: { fast: { deployments: ['mini'], strategy: 'ordered' } },
    ...extra,
  };
}

export function fmt(n: number, digits = 3): string {
  return Number.isFinite(n) ? n.toFixed(digits) : String(n);
}

export function line(label: string, value: string): void {
  console.log(`  ${label.padEnd(44)} ${value}`);
}
