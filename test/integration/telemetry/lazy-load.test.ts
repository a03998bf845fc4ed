import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const dist = path.resolve(__dirname, '..', '..', '..', 'dist');

/** In a fresh Node process: one request through dist/core.js, then which sibling bundles were loaded. */
function loadedAfterOneRequest(telemetry: unknown): string[] {
  const script = `
    const core = require(${JSON.stringify(path.join(dist, 'core.js'))});
    const config = {
      providers: { local: { kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1' } },
      deployments: [{ id: 'a', provider: 'local', model: 'm', price: { inputPerMTok: 1, outputPerMTok: 1 } }],
      aliases: { x: { deployments: ['a'] } },
      retry: { maxRetries: 0 },
      ${telemetry ? `telemetry: ${JSON.stringify(telemetry)},` : ''}
    };
    const o = core.createOrchestrator(config);
    (async () => {
      for await (const ev of o.stream({ model: 'x', messages: [{ role: 'user', content: 'hi' }], max_tokens: 5 })) void ev;
      o.dispose();
      console.log(JSON.stringify(Object.keys(require.cache).map((f) => require('path').basename(f))));
      process.exit(0);
    })();`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '[]') as string[];
}

describe('The OpenTelemetry SDK loads only when telemetry is configured', function () {
  this.timeout(60_000);
  before(function () {
    if (!fs.existsSync(path.join(dist, 'telemetry.js'))) throw new Error('dist/telemetry.js is missing: run "npm run build" first (npm test does).');
  });

  it('without telemetry, dist/telemetry.js is never loaded; with an endpoint it is', () => {
    assert.ok(!loadedAfterOneRequest(undefined).includes('telemetry.js'));
    assert.ok(loadedAfterOneRequest({ otlp: { endpoint: 'http://127.0.0.1:9' } }).includes('telemetry.js'));
  });
});
