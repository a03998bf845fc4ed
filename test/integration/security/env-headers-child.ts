// Child process for the env-injected-headers test: one request per provider
// kind through the orchestrator, with whatever *_CUSTOM_HEADERS the parent set.
import { createOrchestrator } from '../../../src/core/index';

async function main(): Promise<void> {
  const [openaiBaseUrl, anthropicBaseUrl] = process.argv.slice(2);
  if (!openaiBaseUrl || !anthropicBaseUrl) throw new Error('usage: env-headers-child.ts <openaiBaseUrl> <anthropicBaseUrl>');
  const keys: Record<string, string> = { oa: 'sk-env-test-openai-0123456789', ant: 'sk-env-test-anthropic-0123456789', az: 'az-env-test-0123456789' };
  const o = createOrchestrator(
    {
      providers: {
        oa: { kind: 'openai', baseUrl: openaiBaseUrl, apiKeySecret: 'oa' },
        ant: { kind: 'anthropic', baseUrl: anthropicBaseUrl, apiKeySecret: 'ant' },
        local: { kind: 'openai-compatible', baseUrl: openaiBaseUrl },
      },
      deployments: [
        { id: 'oa-d', provider: 'oa', model: 'gpt-4o-mini-2024-07-18' },
        { id: 'ant-d', provider: 'ant', model: 'claude-haiku-test' },
        { id: 'local-d', provider: 'local', model: 'llama-test' },
      ],
      aliases: { a: { deployments: ['oa-d'] }, b: { deployments: ['ant-d'] }, c: { deployments: ['local-d'] } },
      retry: { maxRetries: 0 },
    },
    { keys: (name) => keys[name] },
  );
  for (const model of ['a', 'b', 'c']) {
    await o.chat({ model, messages: [{ role: 'user', content: 'hi' }] });
    await o.chat({ model, messages: [{ role: 'user', content: 'hi again' }], temperature: 0.5 }).catch(() => undefined);
  }
  o.dispose();
  process.stdout.write('done\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
