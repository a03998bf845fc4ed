/**
 * Issue 14 figures (no pass/fail): what hostile input costs the extension host.
 * - the local token estimate: longest event-loop stall (perf_hooks) when a
 *   server reports no usage and the prompt is a long run without breaks;
 * - a 50 MB HTML error page: bytes the server got onto the socket, bytes kept
 *   (error message, record, ledger line) and peak RSS above the baseline;
 * - an SSE event that never ends: bytes read before it is refused.
 * Everything goes through the bundled core (dist/core.js) over loopback.
 *
 * Run: node esbuild.js && node --require tsx/cjs bench/hostile-upstreams.bench.ts
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { startHostileServer, writeRepeated } from '../test/integration/hardening/hostile-server';
import { KEY, fmt, line, loadCore } from './support/bench-utils';

const MB = 1024 * 1024;

async function main(): Promise<void> {
  const core = loadCore();
  const server = await startHostileServer();
  const config = (extra = {}) => ({
    providers: {
      oa: { kind: 'openai-compatible' as const, baseUrl: server.openaiBaseUrl, apiKeySecret: 'k' },
      ant: { kind: 'anthropic' as const, baseUrl: server.anthropicBaseUrl, apiKeySecret: 'k' },
    },
    deployments: [
      { id: 'oa-d', provider: 'oa', model: 'gpt-4o-mini-2024-07-18' },
      { id: 'ant-d', provider: 'ant', model: 'claude-bench' },
    ],
    aliases: { openai: { deployments: ['oa-d'] }, anthropic: { deployments: ['ant-d'] } },
    retry: { maxRetries: 0, maxFallbacks: 0 },
    ...extra,
  });
  const o = core.createOrchestrator(config(), { keys: () => KEY });

  console.log('token estimate, server reports no usage (longest event-loop stall per request)');
  server.handle((req, res) => {
    if (!(JSON.parse(req.body) as { stream?: boolean }).stream) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'c', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] }));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.end('data: {"choices":[{"index":0,"delta":{"content":"ok"}}]}\n\ndata: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n');
  });
  await o.chat({ model: 'openai', messages: [{ role: 'user', content: 'warm up the tokenizer' }] });
  const prompts: Array<[string, string]> = [
    ['64 KB of "="', '='.repeat(64 * 1024)],
    ['200 KB of "="', '='.repeat(200 * 1024)],
    ['1 MB of "="', '='.repeat(MB)],
    ['1 MB of base64', randomBytes((3 * MB) / 4).toString('base64')],
    ['1 MB of prose', 'The quick brown fox jumps over the lazy dog. '.repeat(MB / 45)],
  ];
  for (const [label, text] of prompts) {
    // The largest gap between ticks of a 1 ms timer (monitorEventLoopDelay under-reports one long block).
    let last = performance.now();
    let stall = 0;
    const tick = (): void => {
      const t = performance.now();
      stall = Math.max(stall, t - last);
      last = t;
    };
    const timer = setInterval(tick, 1);
    const t0 = performance.now();
    const r = await o.chat({ model: 'openai', messages: [{ role: 'user', content: text }] });
    const wall = performance.now() - t0;
    tick();
    clearInterval(timer);
    line(`  ${label}`, `longest stall ${fmt(stall, 1)} ms   request ${fmt(wall, 1)} ms   input ${r.record.usage.inputTokens} tokens (estimated: ${r.record.usage.estimated})`);
  }

  console.log('50 MB HTML 500 page');
  for (const model of ['openai', 'anthropic']) {
    for (const stream of [false, true]) {
      server.handle((_req, res) => {
        res.writeHead(500, { 'content-type': 'text/html' });
        void writeRepeated(res, '<p>Internal Server Error, please try again later.</p>\n', 50 * MB);
      });
      global.gc?.();
      const base = process.memoryUsage().rss;
      let peak = base;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
      const sentBefore = server.bytesWritten();
      let message = '';
      let record = '';
      const req = { model, messages: [{ role: 'user' as const, content: 'hi' }] };
      if (stream) {
        for await (const ev of o.stream(req)) if (ev.type === 'error') [message, record] = [ev.error.message, JSON.stringify(ev.record)];
      } else {
        await o.chat(req).catch((e: { message: string; record?: unknown }) => ([message, record] = [e.message, JSON.stringify(e.record)]));
      }
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      line(
        `  ${model} ${stream ? 'stream' : 'json'}`,
        `sent ${fmt((server.bytesWritten() - sentBefore) / MB, 2)} MB of 50   kept: message ${message.length} B, record ${record.length} B   peak RSS +${fmt((peak - base) / MB, 1)} MB`,
      );
    }
  }

  console.log('SSE event that never ends (50 MB without a line break)');
  for (const model of ['openai', 'anthropic']) {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"x":"');
      void writeRepeated(res, 'a', 50 * MB);
    });
    const sentBefore = server.bytesWritten();
    let kind = '';
    for await (const ev of o.stream({ model, messages: [{ role: 'user', content: 'hi' }] })) if (ev.type === 'error') kind = ev.error.kind;
    line(`  ${model}`, `${kind}; the server got ${fmt((server.bytesWritten() - sentBefore) / MB, 2)} MB onto the socket before it closed`);
  }
  o.dispose();
  await server.close();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
