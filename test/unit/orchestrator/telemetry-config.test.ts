import assert from 'node:assert/strict';
import { parseOtlpHeaders } from '../../../src/core/telemetry/parse-otlp-headers';
import { tracesUrl } from '../../../src/core/telemetry/telemetry';

describe('Telemetry settings', () => {
  it('appends the exporter path only when it is missing', () => {
    assert.equal(tracesUrl('http://127.0.0.1:4318'), 'http://127.0.0.1:4318/v1/traces');
    assert.equal(tracesUrl('https://otel.example.com/otlp/'), 'https://otel.example.com/otlp/v1/traces');
    assert.equal(tracesUrl('https://otel.example.com/v1/traces'), 'https://otel.example.com/v1/traces');
  });

  it('parses collector headers in the OTEL_EXPORTER_OTLP_HEADERS form and says what is wrong', () => {
    assert.deepEqual(parseOtlpHeaders('x-honeycomb-team=abc123, Authorization=Basic%20dXNlcg=='), { ok: true, headers: { 'x-honeycomb-team': 'abc123', authorization: 'Basic dXNlcg==' } });
    assert.deepEqual(parseOtlpHeaders(''), { ok: true, headers: {} });
    const bad = parseOtlpHeaders('novalue');
    assert.ok(!bad.ok && /has no value/.test(bad.reason));
    const crlf = parseOtlpHeaders('x=a%0D%0Ainjected: 1');
    assert.ok(!crlf.ok && /line break/.test(crlf.reason));
    const name = parseOtlpHeaders('bad name=1');
    assert.ok(!name.ok && /not a valid header name/.test(name.reason));
  });
});
