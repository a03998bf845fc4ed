import assert from 'node:assert/strict';
import { validateConfig } from '../../../src/core/config/validate-config';

const base = {
  providers: { local: { kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:11434/v1' } },
  deployments: [{ id: 'llama', provider: 'local', model: 'llama3.1' }],
  aliases: { fast: { deployments: ['llama'] }, b: { deployments: ['llama'] } },
};

function errors(extra: Record<string, unknown>): { path: string; message: string }[] {
  const v = validateConfig({ ...base, ...extra });
  return v.ok ? [] : v.errors;
}

describe('validateConfig: guards, redaction, telemetry and upper bounds (S9)', () => {
  it('accepts sane guards, redaction and a loopback or https collector', () => {
    assert.deepEqual(errors({ guards: { defaultMaxTokens: 2048, maxInputChars: 100000, maxOutputChars: 500000, maxOutputTokens: 60000, loop: { enabled: false, maxRepeats: 20 } }, redaction: { enabled: false }, telemetry: { otlp: { endpoint: 'http://127.0.0.1:4318', includeContent: true } } }), []);
    assert.deepEqual(errors({ telemetry: { otlp: { endpoint: 'https://otel.example.com/v1/traces' } } }), []);
  });

  it('refuses timeouts, retries and fallbacks past their upper bounds, saying the bound', () => {
    const e = errors({ timeouts: { idleMs: 3e9, overallMs: 7_200_000 }, retry: { maxRetries: 1000, maxFallbacks: 500, maxDelayMs: 1e12 } });
    const by = new Map(e.map((x) => [x.path, x.message]));
    assert.match(by.get('timeouts.idleMs') ?? '', /at most 600000; got 3000000000/);
    assert.match(by.get('timeouts.overallMs') ?? '', /at most 3600000/);
    assert.match(by.get('retry.maxRetries') ?? '', /at most 10; got 1000/);
    assert.match(by.get('retry.maxFallbacks') ?? '', /at most 20/);
    assert.match(by.get('retry.maxDelayMs') ?? '', /at most 300000/);
    const long = errors({ aliases: { ...base.aliases, fast: { deployments: ['llama'], fallbacks: Array.from({ length: 21 }, () => 'b') } } });
    assert.equal(long[0]?.path, 'aliases.fast.fallbacks');
    assert.match(long[0]?.message ?? '', /lists 21 aliases; at most 20/);
    const dep = errors({ deployments: [{ id: 'llama', provider: 'local', model: 'x', timeouts: { connectMs: 1e10 } }] });
    assert.equal(dep[0]?.path, 'deployments[0].timeouts.connectMs');
  });

  it('names the guard setting and what to change', () => {
    const e = errors({ guards: { defaultMaxTokens: 0, maxInputChars: 'lots', loop: { maxRepeats: 1, enable: true }, maxOutput: 5 } });
    const paths = e.map((x) => x.path).sort();
    assert.deepEqual(paths, ['guards.defaultMaxTokens', 'guards.loop.enable', 'guards.loop.maxRepeats', 'guards.maxInputChars', 'guards.maxOutput']);
    assert.match(e.find((x) => x.path === 'guards.loop.enable')?.message ?? '', /did you mean "enabled"/);
  });

  it('refuses a non-boolean redaction switch and a remote plain-http or malformed collector', () => {
    assert.equal(errors({ redaction: { enabled: 'no' } })[0]?.path, 'redaction.enabled');
    const remote = errors({ telemetry: { otlp: { endpoint: 'http://collector.example.com:4318' } } });
    assert.equal(remote[0]?.path, 'telemetry.otlp.endpoint');
    assert.match(remote[0]?.message ?? '', /use https/);
    assert.equal(errors({ telemetry: { otlp: {} } })[0]?.path, 'telemetry.otlp.endpoint');
    assert.equal(errors({ telemetry: { otlp: { endpoint: 'https://u:p@x.example.com' } } })[0]?.path, 'telemetry.otlp.endpoint');
    assert.equal(errors({ telemetry: 'on' })[0]?.path, 'telemetry');
  });
});
