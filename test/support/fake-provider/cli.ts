/**
 * Runs the fake provider as a process (end-to-end tests):
 *   node --require tsx/cjs test/support/fake-provider/cli.ts [--port N] [--script file.json]
 * The script may also come from FAKE_PROVIDER_SCRIPT (JSON text) or
 * FAKE_PROVIDER_SCRIPT_FILE. Prints one JSON line {"origin",...} on stdout once
 * listening; control it at run time through /__control/* (see control-api.ts).
 * SIGTERM / SIGINT close it.
 */
import { readFileSync } from 'node:fs';
import { parseCliScript } from './cli-script';
import { startFakeProvider } from './server';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}

function loadScript(): unknown {
  const file = argValue('--script') ?? process.env.FAKE_PROVIDER_SCRIPT_FILE;
  const text = file !== undefined ? readFileSync(file, 'utf8') : process.env.FAKE_PROVIDER_SCRIPT;
  if (text === undefined || text.trim() === '') return undefined;
  const parsed: unknown = JSON.parse(text);
  return parsed;
}

async function main(): Promise<void> {
  const script = parseCliScript(loadScript());
  const port = Number(argValue('--port') ?? process.env.FAKE_PROVIDER_PORT ?? 0);
  const fp = await startFakeProvider({ ...script.options, port });
  script.apply(fp);
  const stop = (): void => {
    void fp.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stdout.write(
    `${JSON.stringify({ origin: fp.origin, port: fp.port, openaiBaseUrl: fp.openaiBaseUrl, anthropicBaseUrl: fp.anthropicBaseUrl, pid: process.pid })}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`fake-provider: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
