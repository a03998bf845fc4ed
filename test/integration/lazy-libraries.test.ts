import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { FakeProvider, startFakeProvider } from '../support/fake-provider';

/**
 * Issue 15 / P5: the provider SDKs and the price library are bundled into
 * dist/lib-*.js (esbuild.js) and loaded on first use, so loading the extension
 * parses ~170 KB instead of 1.2 MB. Each case runs in a fresh Node process and
 * reports which sibling files are in require.cache.
 */
const root = path.resolve(__dirname, '..', '..');
const dist = path.join(root, 'dist');
const run = promisify(execFile);

/** Runs `body` (CommonJS, async) in a fresh process; it ends by printing the loaded lib-*.js names. */
async function fresh(body: string): Promise<string[]> {
  const script = `
    const path = require('node:path');
    const loaded = () => Object.keys(require.cache).map((f) => path.basename(f)).filter((f) => /^lib-.*\\.js$/.test(f)).sort();
    (async () => { ${body} })().then((r) => console.log(JSON.stringify(r)), (e) => { console.error(e); process.exit(1); });
  `;
  const { stdout } = await run(process.execPath, ['-e', script], { cwd: root, env: { ...process.env, DIST: dist } });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '[]') as string[];
}

describe('heavy libraries load from dist/lib-*.js on first use (issue 15)', function () {
  let fp: FakeProvider;

  before(async function () {
    for (const f of ['core.js', 'extension.js', 'lib-openai.js', 'lib-anthropic.js', 'lib-genai-prices.js']) {
      if (!fs.existsSync(path.join(dist, f))) throw new Error(`dist/${f} is missing: run "npm run build" first (npm test does).`);
    }
    fp = await startFakeProvider();
  });
  after(() => fp.close());

  it('requiring dist/extension.js (vscode stubbed) loads none of them', async () => {
    const libs = await fresh(`
      const Module = require('node:module');
      const resolve = Module._resolveFilename;
      Module._resolveFilename = function (req, ...rest) { return req === 'vscode' ? 'vscode-stub' : resolve.call(this, req, ...rest); };
      // Every member, call and construction yields the stub again (module scope reads e.g. vscode.CodeActionKind.QuickFix.append(...)).
      const stub = new Proxy(function () {}, { get: (_t, k) => (k === 'then' ? undefined : stub), apply: () => stub, construct: () => stub });
      require.cache['vscode-stub'] = { id: 'vscode-stub', filename: 'vscode-stub', loaded: true, exports: stub };
      require(path.join(process.env.DIST, 'extension.js'));
      return loaded();
    `);
    assert.deepEqual(libs, []);
  });

  it('dist/core.js loads the openai SDK and the price library at the first OpenAI request, never the Anthropic SDK', async () => {
    const libs = await fresh(`
      const core = require(path.join(process.env.DIST, 'core.js'));
      const atRequire = loaded();
      const orch = core.createOrchestrator({
        providers: { oa: { kind: 'openai', baseUrl: ${JSON.stringify(fp.openaiBaseUrl)}, apiKeySecret: 'oa' } },
        deployments: [{ id: 'mini', provider: 'oa', model: 'gpt-4o-mini-2024-07-18' }],
        aliases: { fast: { deployments: ['mini'] } },
      }, { keys: () => 'sk-test' });
      const atCreate = loaded();
      const r = await orch.chat({ model: 'fast', messages: [{ role: 'user', content: 'lazy hello' }] });
      orch.dispose();
      if (r.content !== 'Echo: lazy hello') throw new Error('unexpected answer ' + r.content);
      if (typeof r.record.costUsd !== 'number') throw new Error('no library price: ' + r.record.costUsd);
      return [...atRequire.map((f) => 'require:' + f), ...atCreate.map((f) => 'create:' + f), ...loaded()];
    `);
    assert.deepEqual(libs, ['lib-genai-prices.js', 'lib-openai.js']);
  });

  it('an Anthropic request works through the lazily loaded SDK (its error classes and streaming included)', async () => {
    fp.enqueue({ kind: 'error', status: 500, preset: 'server_error' });
    const libs = await fresh(`
      const core = require(path.join(process.env.DIST, 'core.js'));
      const orch = core.createOrchestrator({
        providers: { ant: { kind: 'anthropic', baseUrl: ${JSON.stringify(fp.anthropicBaseUrl)}, apiKeySecret: 'ant' } },
        deployments: [{ id: 'son', provider: 'ant', model: 'claude-sonnet-4-5-20250929' }],
        aliases: { smart: { deployments: ['son'] } },
        retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 },
      }, { keys: () => 'sk-ant-test' });
      let text = '';
      for await (const ev of orch.stream({ model: 'smart', messages: [{ role: 'user', content: 'lazy claude' }] })) {
        if (ev.type === 'text') text += ev.text;
        if (ev.type === 'error') throw ev.error;
      }
      orch.dispose();
      if (text !== 'Echo: lazy claude') throw new Error('unexpected answer ' + text);
      return loaded();
    `);
    assert.ok(libs.includes('lib-anthropic.js'), `expected lib-anthropic.js among ${JSON.stringify(libs)}`);
    assert.ok(!libs.includes('lib-openai.js'), 'an Anthropic-only config never loads the openai SDK');
  });
});
