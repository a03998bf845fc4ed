import assert from 'node:assert/strict';
import { HostileServer, startHostileServer } from './hostile-server';
import { MODES, Rig, hostileConfig, rig } from './setup';

/**
 * Issue 14 item 6: a Retry-After is the provider's wish, not a command. 400
 * nines, or `retry-after-ms` past what a Date can hold, made the next request
 * fail with "Switchboard failed internally: Invalid time value"; 999999999
 * seconds cooled a deployment for ~31 years. Hints parse to finite values,
 * cooldowns are capped (`cooldown.maxCooldownMs`, default 5 minutes) and the
 * cap is logged.
 */
describe('hardening: absurd Retry-After values', function () {
  this.timeout(30_000);
  let server: HostileServer;
  let r: Rig;
  before(async () => {
    server = await startHostileServer();
  });
  after(async () => server.close());
  afterEach(async () => r?.dispose());

  const rateLimited = (headers: Record<string, string>) => (_q: unknown, res: import('node:http').ServerResponse) =>
    res.writeHead(429, { 'content-type': 'application/json', ...headers }).end(JSON.stringify({ error: { message: 'slow down', type: 'rate_limit_error' } }));

  const cases: Array<[string, Record<string, string>]> = [
    ['Retry-After: 400 nines', { 'retry-after': '9'.repeat(400) }],
    ['retry-after-ms: 10^17', { 'retry-after-ms': '100000000000000000' }],
    ['retry-after-ms: 1e400 written out', { 'retry-after-ms': `1${'0'.repeat(400)}` }],
    ['Retry-After: 999999999 (31 years)', { 'retry-after': '999999999' }],
    ['Retry-After: an HTTP date in the year 275000', { 'retry-after': 'Sat, 01 Jan 275000 00:00:00 GMT' }],
  ];

  for (const wire of ['openai', 'anthropic'] as const) {
    for (const [name, headers] of cases) {
      it(`${wire}: ${name} → the next request fails clearly, the cooldown is capped and logged`, async () => {
        r = await rig(hostileConfig({ openai: server.openaiBaseUrl, anthropic: server.anthropicBaseUrl }, { cooldown: { maxCooldownMs: 120_000 } }));
        server.handle(rateLimited(headers));
        const first = await MODES[0].run(r.o, { model: wire, messages: [{ role: 'user', content: 'hi' }] });
        assert.equal(first.error?.kind, 'rate_limited');
        const second = await MODES[1].run(r.o, { model: wire, messages: [{ role: 'user', content: 'again' }] });
        assert.ok(second.error);
        assert.equal(second.error.kind, 'no_deployment_available', second.error.message);
        assert.doesNotMatch(second.error.message, /Invalid time value|internally/);
        assert.ok(second.error.retryAfterMs !== undefined && second.error.retryAfterMs <= 120_000, `waits ${second.error.retryAfterMs} ms`);
        const id = wire === 'openai' ? 'oa-d' : 'ant-d';
        const cooling = r.o.health().find((h) => h.deploymentId === id)?.cooldownUntil;
        assert.ok(cooling !== undefined && cooling - Date.now() <= 120_000, `cools until ${cooling === undefined ? 'never' : new Date(cooling).toISOString()}`);
        assert.ok(
          r.logs.some((l) => l.includes(id) && /capped/i.test(l) && /120(\.0)? ?s|2 min/.test(l)),
          `the capped cooldown is logged: ${JSON.stringify(r.logs)}`,
        );
      });
    }
  }

  it('the default cap is a few minutes', async () => {
    r = await rig(hostileConfig({ openai: server.openaiBaseUrl, anthropic: server.anthropicBaseUrl }));
    server.handle(rateLimited({ 'retry-after': '999999999' }));
    await MODES[0].run(r.o, { model: 'openai', messages: [{ role: 'user', content: 'hi' }] });
    const cooling = r.o.health().find((h) => h.deploymentId === 'oa-d')?.cooldownUntil;
    assert.ok(cooling !== undefined);
    const left = cooling - Date.now();
    assert.ok(left > 60_000 && left <= 10 * 60_000, `cools for ${left} ms`);
  });
});
