/**
 * The workload bench/profile.bench.ts runs under `node --cpu-prof`: Switchboard
 * only (the peer benchmark's configuration: two-deployment alias with limits,
 * file ledger, budgets, cache miss every call), JSON calls then streams, against
 * the fake provider in its own process so its CPU stays out of the profile.
 * argv: <json calls> <streams>
 */
import { startFakeProcess } from './fake-process';
import { switchboardClient } from './peer-clients';

async function main(): Promise<void> {
  const calls = Number(process.argv[2] ?? 3000);
  const streams = Number(process.argv[3] ?? 1000);
  const fake = await startFakeProcess();
  const sb = await switchboardClient(fake.openaiBaseUrl);
  try {
    for (let i = 0; i < calls; i++) {
      await sb.json(`profile json ${i} say hello`);
      if (i % 1000 === 999) await fake.reset();
    }
    await fake.setDefault({ kind: 'answer', chunks: Array.from({ length: 50 }, (_, k) => `w${k} `) });
    let chunks = 0;
    for (let i = 0; i < streams; i++) await sb.stream(`profile stream ${i}`, () => chunks++);
    process.stdout.write(`${JSON.stringify({ calls, streams, chunks, records: sb.records() })}\n`);
  } finally {
    await sb.close();
    await fake.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
