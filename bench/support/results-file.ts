/**
 * bench/results/latest.json: each benchmark writes its own section (keyed by
 * name) and leaves the others, so `npm run bench` accumulates one file and a
 * filtered run (`npm run bench peers`) refreshes only what it measured.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const RESULTS_FILE = path.resolve(__dirname, '../results/latest.json');

export function writeResults(section: string, data: unknown): void {
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8')) as Record<string, unknown>;
  } catch {
    // First run, or a file from an older format: start over.
  }
  all[section] = { measuredAt: new Date().toISOString(), ...(data as object) };
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(all, null, 2)}\n`);
}
