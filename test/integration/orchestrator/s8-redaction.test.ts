import assert from 'node:assert/strict';
import { FakeProvider, startFakeProvider } from '../../support/fake-provider';
import { describeNotice } from '../../../src/extension/chat/describe-notice';
import { KEYS, ask, collect, fastAndSmart, make } from './helpers';

// Canaries: AWS's documented example key id and a PEM block shaped like a real one.
const AWS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const AWS_KEY_2 = 'AKIAJ5CANARY0000TEST';
const PEM = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun', 'VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK', '-----END RSA PRIVATE KEY-----'].join('\n');

const prompt = (awsKey: string): string => `Why does this fail?\nconst s3 = new S3({ accessKeyId: "${awsKey}" });\nconst pem = \`${PEM}\`;`;

/** Everything the fake provider received, as text. */
const received = (fp: FakeProvider): string => JSON.stringify(fp.requests.map((r) => r.body));

describe('S8 secret redaction before sending (real sockets)', function () {
  this.timeout(20_000);
  let fp: FakeProvider;
  before(async () => {
    fp = await startFakeProvider();
  });
  after(() => fp.close());
  beforeEach(() => fp.reset());

  it('a canary AWS key and a PEM block reach the provider as placeholders, with a notice the chat shows', async () => {
    const o = make(fastAndSmart(fp));
    const r = await collect(o, ask('fast', prompt(AWS_KEY), { temperature: 0 }));
    assert.equal(r.record.status, 'ok');
    const sent = received(fp);
    assert.equal(fp.requests.length, 1);
    assert.ok(!sent.includes(AWS_KEY), 'the AWS key never left');
    assert.ok(!sent.includes('MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun'), 'the PEM body never left');
    assert.ok(sent.includes('[REDACTED:aws-access-key]') && sent.includes('[REDACTED:private-key]'), sent);
    assert.ok(sent.includes('Why does this fail?'), 'the rest of the prompt is intact');
    const notice = r.events.find((e) => e.type === 'attempt' && e.notice.kind === 'redacted');
    assert.ok(notice && notice.type === 'attempt' && notice.notice.kind === 'redacted');
    assert.deepEqual(notice.notice.secrets, { 'aws-access-key': 1, 'private-key': 1 });
    assert.equal(notice.notice.count, 2);
    assert.equal(describeNotice(notice.notice), 'Replaced 2 secrets before sending: 1 private key (PEM), 1 AWS access key id. The model saw placeholders; turn this off with the "switchboard.redaction" setting.');
    assert.ok(r.events.indexOf(notice) < r.events.findIndex((e) => e.type === 'text'), 'the notice comes before the answer');
  });

  it('the cache key is computed after redaction: a prompt differing only in the secret is a hit, and no entry holds the secret', async () => {
    const o = make(fastAndSmart(fp));
    const first = await collect(o, ask('fast', prompt(AWS_KEY), { temperature: 0 }));
    const second = await collect(o, ask('fast', prompt(AWS_KEY_2), { temperature: 0 }));
    assert.equal(first.record.cache, 'miss');
    assert.equal(second.record.cache, 'hit', 'both prompts redact to the same text, so to the same key');
    assert.equal(fp.requests.length, 1);
    assert.ok(!second.content.includes(AWS_KEY) && !second.content.includes(AWS_KEY_2));
    assert.ok(second.events.some((e) => e.type === 'attempt' && e.notice.kind === 'redacted'), 'the hit still says what was redacted');
  });

  it('the user\'s own stored keys are redacted even when not key-shaped', async () => {
    const keys = { ...KEYS, oa: 'plain-stored-secret-value-42' };
    // The serving provider's key is resolved for the request; other keys come from what the host has seen.
    const o = make(fastAndSmart(fp), { knownSecrets: () => [KEYS.ant ?? ''] }, keys);
    const r = await collect(o, ask('fast', `my key is ${keys.oa}, and ${KEYS.ant}`));
    const sent = JSON.stringify(fp.requests.map((q) => q.body));
    assert.ok(!sent.includes(keys.oa) && !sent.includes(KEYS.ant ?? 'x'), sent);
    assert.equal(r.record.status, 'ok');
    const notice = r.events.find((e) => e.type === 'attempt' && e.notice.kind === 'redacted');
    assert.ok(notice?.type === 'attempt' && notice.notice.kind === 'redacted');
    assert.deepEqual(notice.notice.secrets, { 'stored-key': 2 });
  });

  it('redaction: { enabled: false } sends the prompt as written, with no notice', async () => {
    const o = make(fastAndSmart(fp, { redaction: { enabled: false } }));
    const r = await collect(o, ask('fast', prompt(AWS_KEY)));
    assert.ok(received(fp).includes(AWS_KEY));
    assert.ok(!r.events.some((e) => e.type === 'attempt' && e.notice.kind === 'redacted'));
  });
  it('a provider error echoing a known secret that follows no key pattern (a secret header value) never reaches the caller', async () => {
    const headerValue = 'corp-gw-7f3a91c2d4e5b6a7';
    const o = make(fastAndSmart(fp), { knownSecrets: () => [headerValue] });
    const echo = { kind: 'error' as const, status: 400, body: { error: { message: `Gateway token ${headerValue} is not valid for this route`, type: 'invalid_request_error', code: null } } };
    fp.enqueue(echo);
    const r = await collect(o, ask('fast', 'hello'));
    assert.equal(r.record.status, 'error');
    const seen = JSON.stringify({ events: r.events, record: r.record, error: r.error?.message });
    assert.ok(seen.includes('is not valid for this route'), `the provider text is kept: ${seen}`);
    assert.ok(!seen.includes(headerValue), seen);
    fp.enqueue(echo);
    await assert.rejects(o.chat(ask('fast', 'again')), (err: Error) => err.message.includes('is not valid for this route') && !err.message.includes(headerValue));
  });
});
