import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FakeProvider, startFakeProvider } from '../support/fake-provider';

/**
 * The public surface as scripts outside the project use it: plain
 * `require('./dist/core.js')` (built by `npm run build`), a JSON config, a
 * streamed answer with usage and a CallRecord (architecture.md contract).
 */
const bundlePath = path.resolve(__dirname, '..', '..', 'dist', 'core.js');

interface CoreBundle {
  createOrchestrator(config: unknown, ports?: Record<string, unknown>): {
    stream(req: unknown, opts?: unknown): AsyncIterable<{ type: string; text?: string; record?: Record<string, unknown> & { usage: Record<string, number | boolean> } }>;
    chat(req: unknown): Promise<{ content: string; record: Record<string, unknown> }>;
    onRecord(l: (r: unknown) => void): { dispose(): void };
    flush(): Promise<void>;
    dispose(): void;
  };
  validateConfig(raw: unknown): { ok: boolean };
}

describe('dist/core.js from plain Node', function () {
  let fp: FakeProvider;
  let core: CoreBundle;

  before(async function () {
    if (!fs.existsSync(bundlePath)) throw new Error(`${bundlePath} is missing: run "npm run build" first (npm test does).`);
    core = require(bundlePath) as CoreBundle;
    fp = await startFakeProvider();
  });
  after(() => fp.close());

  const config = (): unknown => ({
    providers: {
      compat: { kind: 'openai-compatible', baseUrl: fp.openaiBaseUrl, apiKeySecret: 'compat' },
      ant: { kind: 'anthropic', baseUrl: fp.anthropicBaseUrl, apiKeySecret: 'ant' },
    },
    deployments: [
      { id: 'small', provider: 'compat', model: 'small-model', price: { inputPerMTok: 1, outputPerMTok: 2 } },
      { id: 'claude', provider: 'ant', model: 'claude-test' },
    ],
    aliases: { fast: { deployments: ['small'] }, smart: { deployments: ['claude'] } },
  });

  for (const [alias, format] of [['fast', 'openai'], ['smart', 'anthropic']] as const) {
    it(`streams an answer with exact usage and a CallRecord through "${alias}" (${format})`, async () => {
      const keysAsked: string[] = [];
      const orchestrator = core.createOrchestrator(config(), { keys: (name: string) => (keysAsked.push(name), `key-${name}`) });
      const records: unknown[] = [];
      orchestrator.onRecord((r) => records.push(r));
      const req = { model: alias, messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'say hello to the bundle' }] };
      let text = '';
      let textEvents = 0;
      let done: { record?: Record<string, unknown> & { usage: Record<string, number | boolean> } } | undefined;
      for await (const ev of orchestrator.stream(req)) {
        if (ev.type === 'text') {
          text += ev.text ?? '';
          textEvents += 1;
        }
        if (ev.type === 'done') done = ev;
      }
      const last = fp.requests[fp.requests.length - 1];
      assert.ok(last && done?.record);
      const expected = fp.expectedAnswer(last.body, format);
      assert.equal(text, expected.text);
      assert.ok(textEvents > 1, 'the answer arrives as several text events');
      assert.equal(done.record.status, 'ok');
      assert.equal(done.record.alias, alias);
      assert.equal(done.record.usage.inputTokens, expected.usage.promptTokens);
      assert.equal(done.record.usage.outputTokens, expected.usage.completionTokens);
      assert.equal(done.record.usage.estimated, false);
      assert.equal((done.record.attempts as unknown[]).length, 1);
      // Records are published after the caller has the answer: flush() publishes what is queued.
      await orchestrator.flush();
      assert.deepEqual(records, [done.record]);
      // The key is asked for by name (the cache also fingerprints it); never any other secret.
      assert.ok(keysAsked.length >= 1 && keysAsked.every((k) => k === (alias === 'fast' ? 'compat' : 'ant')), JSON.stringify(keysAsked));
      if (alias === 'fast') {
        assert.equal(last.headers['authorization'], 'Bearer key-compat');
        assert.deepEqual((last.body as { stream_options?: unknown }).stream_options, { include_usage: true });
        const cost = (expected.usage.promptTokens * 1 + expected.usage.completionTokens * 2) / 1e6;
        assert.ok(Math.abs((done.record.costUsd as number) - cost) < 1e-12);
      } else {
        // SDK 1.x sends the key as a bearer token; older versions used x-api-key.
        const sent = last.headers['x-api-key'] ?? String(last.headers['authorization']).replace(/^Bearer /, '');
        assert.equal(sent, 'key-ant');
      }
      orchestrator.dispose();
    });
  }

  it('validateConfig rejects a bad config with paths', () => {
    assert.equal(core.validateConfig({ providers: { x: { kind: 'nope' } }, deployments: [], aliases: {} }).ok, false);
  });
});

describe('dist/core.js estimates missing usage with the bundled tokenizer', function () {
  it('loads dist/tokenizer.js on first use and flags the estimate', async () => {
    const core = require(bundlePath) as CoreBundle;
    const fp = await startFakeProvider({ defaultBehaviour: { kind: 'answer', omitUsage: true } });
    try {
      const sb = core.createOrchestrator({
        providers: { p: { kind: 'openai-compatible', baseUrl: fp.openaiBaseUrl } },
        deployments: [{ id: 'd', provider: 'p', model: 'm', price: { inputPerMTok: 1, outputPerMTok: 1 } }],
        aliases: { fast: { deployments: ['d'] } },
      });
      const r = await sb.chat({ model: 'fast', messages: [{ role: 'user', content: 'count these words please' }] });
      assert.equal(r.record.usage && (r.record.usage as { estimated: boolean }).estimated, true);
      assert.ok(((r.record.usage as { inputTokens: number }).inputTokens ?? 0) > 5);
      assert.ok((r.record.costUsd as number) > 0, 'an estimate is never $0');
      sb.dispose();
    } finally {
      await fp.close();
    }
  });
});
