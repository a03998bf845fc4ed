import assert from 'node:assert/strict';
import * as net from 'node:net';
import { SwitchboardConfig } from '../../../src/core/config/switchboard-config';
import { FakeProvider, serverError, startFakeProvider } from '../../support/fake-provider';
import { KEYS, ask, make, providers } from '../orchestrator/helpers';
import { OtlpReceiver, startOtlpReceiver } from './otlp-receiver';

function failoverConfig(fp: FakeProvider, endpoint: string, includeContent?: boolean): SwitchboardConfig {
  return {
    providers: providers(fp),
    deployments: [
      { id: 'primary', provider: 'oa', model: 'gpt-4o-mini-2024-07-18' },
      { id: 'backup', provider: 'oa', model: 'gpt-4o-2024-08-06' },
    ],
    aliases: { fast: { deployments: ['primary', 'backup'], strategy: 'ordered' } },
    retry: { maxRetries: 0 },
    telemetry: { otlp: { endpoint, ...(includeContent !== undefined ? { includeContent } : {}) } },
  };
}

/** A loopback port nothing listens on. */
async function deadPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('OpenTelemetry traces over OTLP/HTTP to a real receiver', function () {
  this.timeout(30_000);
  let fp: FakeProvider;
  let rx: OtlpReceiver;
  before(async () => {
    fp = await startFakeProvider();
  });
  after(() => fp.close());
  beforeEach(async () => {
    fp.reset();
    rx = await startOtlpReceiver();
  });
  afterEach(() => rx.close());

  it('a request that failed over: one request span with two attempt children, GenAI semconv and switchboard.* attributes', async () => {
    fp.forModel('gpt-4o-mini-2024-07-18', serverError(500));
    const o = make(failoverConfig(fp, rx.endpoint), { telemetryHeaders: async () => ({ 'x-collector-key': 'collector-secret-123' }), version: '9.9.9' });
    const result = await o.chat(ask('fast', 'What is 2+2?'));
    await o.flush();
    const record = result.record;
    assert.equal(rx.spans.length, 3, JSON.stringify(rx.spans.map((s) => s.name)));
    assert.equal(rx.requests[0]?.path, '/v1/traces', 'the exporter path was appended');
    assert.equal(rx.requests[0]?.headers['x-collector-key'], 'collector-secret-123', 'headers come from the secret port');

    const root = rx.spans.find((s) => !s.parentSpanId);
    assert.ok(root);
    assert.equal(root.name, 'chat fast');
    assert.equal(root.resource['service.name'], 'switchboard');
    assert.equal(root.resource['service.version'], '9.9.9');
    assert.deepEqual(
      {
        op: root.attributes['gen_ai.operation.name'],
        provider: root.attributes['gen_ai.provider.name'],
        requestModel: root.attributes['gen_ai.request.model'],
        responseModel: root.attributes['gen_ai.response.model'],
        input: root.attributes['gen_ai.usage.input_tokens'],
        output: root.attributes['gen_ai.usage.output_tokens'],
        finish: root.attributes['gen_ai.response.finish_reasons'],
        server: root.attributes['server.address'],
        alias: root.attributes['switchboard.alias'],
        deployment: root.attributes['switchboard.deployment'],
        cache: root.attributes['switchboard.cache'],
        cost: root.attributes['switchboard.cost_usd'],
        estimated: root.attributes['switchboard.estimated'],
        fallback: root.attributes['switchboard.fallback'],
      },
      {
        op: 'chat',
        provider: 'openai',
        requestModel: 'fast',
        responseModel: 'gpt-4o-2024-08-06',
        input: record.usage.inputTokens,
        output: record.usage.outputTokens,
        finish: ['stop'],
        server: '127.0.0.1',
        alias: 'fast',
        deployment: 'backup',
        cache: 'miss',
        cost: record.costUsd,
        estimated: false,
        fallback: true,
      },
    );
    assert.equal(root.attributes['gen_ai.input.messages'], undefined, 'no prompt without the content opt-in');
    assert.equal(root.attributes['gen_ai.output.messages'], undefined);

    const children = rx.spans.filter((s) => s.parentSpanId === root.spanId);
    assert.equal(children.length, 2);
    assert.ok(children.every((c) => c.traceId === root.traceId && c.kind === 3), 'client spans in the same trace');
    const [first, second] = children.sort((a, b) => Number(BigInt(a.startTimeUnixNano) - BigInt(b.startTimeUnixNano)));
    assert.equal(first?.name, 'chat gpt-4o-mini-2024-07-18');
    assert.equal(first?.attributes['switchboard.attempt.kind'], 'first');
    assert.equal(first?.attributes['error.type'], 'server');
    assert.equal(first?.attributes['http.response.status_code'], 500);
    assert.equal(first?.status?.code, 2, 'the failed attempt is an error span');
    assert.equal(second?.name, 'chat gpt-4o-2024-08-06');
    assert.equal(second?.attributes['switchboard.attempt.kind'], 'fallback');
    assert.equal(second?.attributes['gen_ai.request.model'], 'gpt-4o-2024-08-06');
    assert.equal(second?.attributes['gen_ai.response.model'], 'gpt-4o-2024-08-06');
    assert.equal(second?.attributes['gen_ai.usage.output_tokens'], record.usage.outputTokens);
    assert.equal(second?.attributes['server.address'], '127.0.0.1');
    assert.equal(second?.attributes['gen_ai.provider.name'], 'openai');
    assert.ok(BigInt(second?.endTimeUnixNano ?? 0) <= BigInt(root.endTimeUnixNano), 'children end within the request');
    o.dispose();
  });

  it('prompts and answers only with includeContent, and then redacted', async () => {
    const o = make(failoverConfig(fp, `${rx.endpoint}/v1/traces`, true));
    await o.chat(ask('fast', 'my id is AKIAIOSFODNN7EXAMPLE'));
    await o.flush();
    const root = rx.spans.find((s) => !s.parentSpanId);
    const input = String(root?.attributes['gen_ai.input.messages']);
    assert.ok(input.includes('[REDACTED:aws-access-key]') && !input.includes('AKIAIOSFODNN7EXAMPLE'), input);
    assert.match(String(root?.attributes['gen_ai.output.messages']), /Echo: my id is \[REDACTED:aws-access-key\]/);
    assert.ok(!JSON.stringify(rx.spans).includes(KEYS.oa ?? 'none'), 'no key in any span');
  });

  it('a dead collector never fails or stalls a request; the dropped spans are counted in the log', async () => {
    const warnings: string[] = [];
    const log = { info: (): void => undefined, warn: (m: string): void => void warnings.push(m), error: (m: string): void => void warnings.push(m) };
    const o = make(failoverConfig(fp, `http://127.0.0.1:${await deadPort()}`), { log });
    const started = Date.now();
    for (let i = 0; i < 5; i += 1) assert.equal((await o.chat(ask('fast', `q${i}`))).record.status, 'ok');
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 5_000, `5 requests took ${elapsed} ms`);
    await o.flush();
    assert.ok(warnings.some((w) => /Telemetry: \d+ span\(s\) dropped/.test(w)), warnings.join('\n'));
    o.dispose();
  });
});
