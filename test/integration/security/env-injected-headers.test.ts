import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { FakeProvider, startFakeProvider } from '../../support/fake-provider';

function runChild(env: Record<string, string>, fp: FakeProvider): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(__dirname, 'env-headers-child.ts'), fp.openaiBaseUrl, fp.anthropicBaseUrl], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`child failed (${code}): ${err}`))));
  });
}

/**
 * Issue 13 item 5 (S1/S2): both SDKs merge `OPENAI_CUSTOM_HEADERS` /
 * `ANTHROPIC_CUSTOM_HEADERS` from the environment over the key they were
 * given, so a variable in the shell that started VS Code could replace the
 * user's key (or add one for a keyless local server). The safe fetch sets the
 * one auth header itself. Real child processes with the variables set; the
 * fake provider records what arrived.
 */
describe('S1: auth headers from the environment never reach a provider', function () {
  this.timeout(60_000);
  let fp: FakeProvider;
  before(async () => {
    fp = await startFakeProvider();
  });
  after(async () => fp.close());

  it('OPENAI_CUSTOM_HEADERS / ANTHROPIC_CUSTOM_HEADERS do not change what the provider receives', async () => {
    const clean = async (): Promise<Array<Record<string, unknown>>> => {
      fp.reset();
      await runChild({}, fp);
      return fp.requests.map((r) => ({ path: r.path, authorization: r.headers['authorization'], xApiKey: r.headers['x-api-key'], apiKey: r.headers['api-key'], goog: r.headers['x-goog-api-key'] }));
    };
    const baseline = await clean();
    fp.reset();
    await runChild(
      {
        OPENAI_CUSTOM_HEADERS: 'Authorization: Bearer X\nx-goog-api-key: X',
        ANTHROPIC_CUSTOM_HEADERS: 'x-api-key: X\nAuthorization: Bearer X',
      },
      fp,
    );
    const injected = fp.requests.map((r) => ({ path: r.path, authorization: r.headers['authorization'], xApiKey: r.headers['x-api-key'], apiKey: r.headers['api-key'], goog: r.headers['x-goog-api-key'] }));
    assert.equal(injected.length, 6);
    assert.deepEqual(injected, baseline);
    assert.deepEqual(
      injected.map((h) => [h.authorization, h.xApiKey]),
      [
        ['Bearer sk-env-test-openai-0123456789', undefined],
        ['Bearer sk-env-test-openai-0123456789', undefined],
        // The Anthropic SDK 1.x sends the API key as a Bearer token.
        ['Bearer sk-env-test-anthropic-0123456789', undefined],
        ['Bearer sk-env-test-anthropic-0123456789', undefined],
        [undefined, undefined],
        [undefined, undefined],
      ],
    );
  });
});
