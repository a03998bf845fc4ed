import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { isRecord } from '../../support/fake-provider/is-record';
import { chatBody, field, jsonOf, post } from './helpers';

const REPO = path.resolve(__dirname, '../../..');
const CLI = path.join(REPO, 'test/support/fake-provider/cli.ts');

interface Started {
  child: ChildProcess;
  origin: string;
}

function startCli(script: unknown, args: string[] = []): Promise<Started> {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', CLI, ...args], {
    cwd: REPO,
    env: { ...process.env, FAKE_PROVIDER_SCRIPT: script === undefined ? '' : JSON.stringify(script) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: child.stdout ?? process.stdin });
    rl.once('line', (line) => {
      rl.close();
      const info: unknown = JSON.parse(line);
      if (isRecord(info) && typeof info.origin === 'string') resolve({ child, origin: info.origin });
      else reject(new Error(`bad first line: ${line}`));
    });
    child.once('exit', (code) => reject(new Error(`cli exited ${String(code)}: ${stderr}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

async function control(origin: string, action: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = body === undefined && action === 'requests'
    ? await fetch(`${origin}/__control/requests`)
    : await post(`${origin}/__control/${action}`, body ?? {});
  const json = jsonOf(await res.text());
  if (res.status !== 200) throw new Error(String(json.error));
  return json;
}

describe('fake provider: CLI and HTTP control API', function () {
  this.timeout(20_000);
  let started: Started | undefined;
  afterEach(async () => {
    if (started !== undefined) await stop(started.child);
    started = undefined;
  });

  it('starts from a script, prints its origin, is controllable over HTTP and exits on SIGTERM', async () => {
    started = await startCli({
      options: { answerText: 'scripted' },
      queue: [{ kind: 'error', status: 500 }],
      models: { special: { kind: 'answer', text: 'special answer' } },
    });
    const { origin } = started;
    assert.match(origin, /^http:\/\/127\.0\.0\.1:\d+$/);
    const url = `${origin}/v1/chat/completions`;
    assert.equal((await post(url, chatBody('x'))).status, 500);
    assert.equal(field(jsonOf(await (await post(url, chatBody('x'))).text()), 'choices', 0, 'message', 'content'), 'scripted');
    assert.equal(field(jsonOf(await (await post(url, chatBody('x', { model: 'special' }))).text()), 'choices', 0, 'message', 'content'), 'special answer');

    await control(origin, 'enqueue', [{ kind: 'error', status: 429, preset: 'rate_limited', headers: { 'retry-after': '3' } }]);
    const limited = await post(url, chatBody('x'));
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '3');

    await control(origin, 'forModel', { model: 'm2', behaviours: [{ kind: 'answer', text: 'once' }] });
    await control(origin, 'default', { kind: 'error', status: 503 });
    assert.equal(field(jsonOf(await (await post(url, chatBody('x', { model: 'm2' }))).text()), 'choices', 0, 'message', 'content'), 'once');
    assert.equal((await post(url, chatBody('x', { model: 'm2' }))).status, 503);

    const { requests } = await control(origin, 'requests');
    assert.ok(Array.isArray(requests) && requests.length === 6);
    assert.equal(field(requests, 5, 'behaviour'), 'error');

    await control(origin, 'reset');
    const after = await control(origin, 'requests');
    assert.deepEqual(after.requests, []);
    assert.equal((await post(url, chatBody('x'))).status, 200);

    assert.equal(await stop(started.child), 0);
    started = undefined;
  });

  it('rejects invalid behaviours with a 400 naming the field', async () => {
    started = await startCli(undefined);
    await assert.rejects(control(started.origin, 'enqueue', { kind: 'stall', phase: 'later' }), /phase/);
    await assert.rejects(control(started.origin, 'enqueue', { kind: 'answer', txt: 'x' }), /\.txt: unknown field/);
    await assert.rejects(control(started.origin, 'nope', {}), /unknown control action/);
  });
});
