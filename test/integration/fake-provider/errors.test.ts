import { strict as assert } from 'node:assert';
import {
  badRequest,
  contentFilter,
  contextOverflow,
  forbidden,
  insufficientQuota,
  notFound,
  overloaded529,
  rateLimited,
  serverError,
  startFakeProvider,
  unauthorized,
  type ErrorBehaviour,
  type FakeProvider,
} from '../../support/fake-provider';
import { anthropicBody, chatBody, field, jsonOf, post } from './helpers';

interface Case {
  name: string;
  b: ErrorBehaviour;
  openai: { status: number; code: unknown; type: unknown; message?: RegExp };
  anthropic: { status: number; type: string; message?: RegExp };
}

const CASES: Case[] = [
  { name: 'rateLimited', b: rateLimited({ retryAfterSeconds: 7 }), openai: { status: 429, code: 'rate_limit_exceeded', type: 'requests' }, anthropic: { status: 429, type: 'rate_limit_error' } },
  { name: 'serverError(500)', b: serverError(500), openai: { status: 500, code: null, type: 'server_error' }, anthropic: { status: 500, type: 'api_error' } },
  { name: 'serverError(503)', b: serverError(503), openai: { status: 503, code: null, type: 'server_error', message: /overloaded/ }, anthropic: { status: 503, type: 'api_error' } },
  { name: 'overloaded529', b: overloaded529(), openai: { status: 529, code: null, type: 'server_error' }, anthropic: { status: 529, type: 'overloaded_error', message: /^Overloaded$/ } },
  { name: 'unauthorized', b: unauthorized(), openai: { status: 401, code: 'invalid_api_key', type: 'invalid_request_error' }, anthropic: { status: 401, type: 'authentication_error' } },
  { name: 'forbidden', b: forbidden(), openai: { status: 403, code: 'unsupported_country_region_territory', type: 'request_forbidden' }, anthropic: { status: 403, type: 'permission_error' } },
  { name: 'notFound', b: notFound(), openai: { status: 404, code: 'model_not_found', type: 'invalid_request_error' }, anthropic: { status: 404, type: 'not_found_error' } },
  { name: 'badRequest', b: badRequest(), openai: { status: 400, code: 'unsupported_parameter', type: 'invalid_request_error' }, anthropic: { status: 400, type: 'invalid_request_error' } },
  {
    name: 'contextOverflow',
    b: contextOverflow(5000, 4096),
    openai: { status: 400, code: 'context_length_exceeded', type: 'invalid_request_error', message: /maximum context length is 4096 tokens.*resulted in 5000 tokens/ },
    anthropic: { status: 400, type: 'invalid_request_error', message: /^prompt is too long: 5000 tokens > 4096 maximum$/ },
  },
  {
    name: 'insufficientQuota',
    b: insufficientQuota(),
    openai: { status: 429, code: 'insufficient_quota', type: 'insufficient_quota' },
    anthropic: { status: 400, type: 'invalid_request_error', message: /credit balance is too low/ },
  },
  { name: 'contentFilter', b: contentFilter(), openai: { status: 400, code: 'content_filter', type: null }, anthropic: { status: 400, type: 'invalid_request_error', message: /content filtering/ } },
];

describe('fake provider: error helpers', () => {
  let fp: FakeProvider;
  before(async () => {
    fp = await startFakeProvider();
  });
  after(async () => {
    await fp.close();
  });

  for (const c of CASES) {
    it(`${c.name}: OpenAI status and {error:{message,type,param,code}} body`, async () => {
      fp.enqueue(c.b);
      const res = await post(`${fp.openaiBaseUrl}/chat/completions`, chatBody('x'));
      assert.equal(res.status, c.openai.status);
      assert.equal(res.headers.get('content-type'), 'application/json');
      assert.match(res.headers.get('x-request-id') ?? '', /^req_/);
      const json = jsonOf(await res.text());
      const err = field(json, 'error');
      assert.deepEqual(Object.keys(err ?? {}).slice(0, 4), ['message', 'type', 'param', 'code']);
      assert.equal(field(err, 'code'), c.openai.code);
      assert.equal(field(err, 'type'), c.openai.type);
      if (c.openai.message !== undefined) assert.match(String(field(err, 'message')), c.openai.message);
    });

    it(`${c.name}: Anthropic status and {type:'error', error:{type,message}} body`, async () => {
      fp.enqueue(c.b);
      const res = await post(`${fp.anthropicBaseUrl}/v1/messages`, anthropicBody('x'));
      assert.equal(res.status, c.anthropic.status);
      const requestId = res.headers.get('request-id');
      const json = jsonOf(await res.text());
      assert.equal(json.type, 'error');
      assert.equal(json.request_id, requestId);
      assert.equal(field(json, 'error', 'type'), c.anthropic.type);
      if (c.anthropic.message !== undefined) assert.match(String(field(json, 'error', 'message')), c.anthropic.message);
    });
  }

  it('Retry-After variants and provider rate-limit headers', async () => {
    const date = new Date(Date.now() + 30_000);
    fp.enqueue(
      rateLimited({ retryAfterSeconds: 7 }),
      rateLimited({ retryAfterMs: 1500 }),
      rateLimited({ retryAfterDate: date }),
      rateLimited({ openaiResetRequests: '6m0s' }),
      rateLimited({ anthropicResetAt: new Date('2030-01-01T00:00:07Z') }),
    );
    const heads: Headers[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await post(`${fp.openaiBaseUrl}/chat/completions`, chatBody('x'));
      await res.text();
      heads.push(res.headers);
    }
    assert.equal(heads[0]?.get('retry-after'), '7');
    assert.equal(heads[1]?.get('retry-after-ms'), '1500');
    assert.equal(heads[1]?.get('retry-after'), null);
    assert.equal(heads[2]?.get('retry-after'), date.toUTCString());
    assert.equal(heads[3]?.get('x-ratelimit-reset-requests'), '6m0s');
    assert.equal(heads[3]?.get('x-ratelimit-remaining-requests'), '0');
    assert.equal(heads[4]?.get('anthropic-ratelimit-requests-reset'), '2030-01-01T00:00:07Z');
  });

  it('overloaded529 carries x-should-retry and no retry-after', async () => {
    fp.enqueue(overloaded529());
    const res = await post(`${fp.anthropicBaseUrl}/v1/messages`, anthropicBody('x'));
    await res.text();
    assert.equal(res.headers.get('x-should-retry'), 'true');
    assert.equal(res.headers.get('retry-after'), null);
  });

  it('custom status, raw string body and headers are sent verbatim', async () => {
    fp.enqueue({ kind: 'error', status: 502, body: '<html>bad gateway</html>', headers: { 'content-type': 'text/html' } });
    const res = await post(`${fp.openaiBaseUrl}/chat/completions`, chatBody('x'));
    assert.equal(res.status, 502);
    assert.equal(res.headers.get('content-type'), 'text/html');
    assert.equal(await res.text(), '<html>bad gateway</html>');
  });
});
