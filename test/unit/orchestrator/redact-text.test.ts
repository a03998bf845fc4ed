import assert from 'node:assert/strict';
import { SecretCounts, redactText } from '../../../src/core/redaction/redact-text';

function redact(text: string, known: string[] = []): { out: string; counts: SecretCounts } {
  const counts: SecretCounts = {};
  return { out: redactText(text, known, counts), counts };
}

/** Built at run time so the repository holds no string shaped like a real Anthropic key (house check). */
const ANTHROPIC_SHAPED = ['sk', 'ant', 'api03', 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z'].join('-');

describe('S8 redactText: key-shaped strings become placeholders', () => {
  const cases: [string, string, string][] = [
    ['openai-key', 'sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z', 'OPENAI_API_KEY=sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z'],
    ['anthropic-key', ANTHROPIC_SHAPED, `key: "${ANTHROPIC_SHAPED}"`],
    ['groq-key', 'gsk_Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z', 'groq gsk_Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z'],
    ['xai-key', 'xai-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z', 'xai-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z here'],
    ['google-key', 'AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q', '?key=AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q&x=1'],
    ['aws-access-key', 'AKIAIOSFODNN7EXAMPLE', 'id AKIAIOSFODNN7EXAMPLE'],
    ['github-token', 'ghp_Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAB12', 'token ghp_Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAB12'],
    ['slack-token', 'xoxb-123456789012-1234567890123-AbCdEfGhIjKl', 'SLACK=xoxb-123456789012-1234567890123-AbCdEfGhIjKl'],
    ['jwt', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'],
  ];
  for (const [kind, secret, text] of cases) {
    it(`${kind}`, () => {
      const { out, counts } = redact(text);
      assert.ok(!out.includes(secret), out);
      assert.ok(out.includes(`[REDACTED:${kind}]`), out);
      assert.deepEqual(counts, { [kind]: 1 });
    });
  }

  it('an AWS secret access key only in an assignment, keeping the name', () => {
    const { out, counts } = redact('aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
    assert.equal(out, 'aws_secret_access_key = [REDACTED:aws-secret-key]\n');
    assert.deepEqual(counts, { 'aws-secret-key': 1 });
  });

  it('a whole PEM private key block, but not a certificate', () => {
    const pem = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----';
    const cert = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----';
    const { out, counts } = redact(`a\n${pem}\nb\n${cert}`);
    assert.equal(out, `a\n[REDACTED:private-key]\nb\n${cert}`);
    assert.deepEqual(counts, { 'private-key': 1 });
  });

  it('leaves ordinary code and prose alone (and returns the same string)', () => {
    const text = 'import sklearn; use sk-learn-preprocessing-pipeline; const task = "ask-the-user-for-confirmation"; AKIA is a prefix; eyJ alone';
    const { out, counts } = redact(text);
    assert.equal(out, text);
    assert.deepEqual(counts, {});
  });

  it('finds the user\'s stored keys verbatim, every occurrence', () => {
    const { out, counts } = redact('a=my-own-stored-key-1; b=my-own-stored-key-1', ['my-own-stored-key-1', 'short']);
    assert.equal(out, 'a=[REDACTED:stored-key]; b=[REDACTED:stored-key]');
    assert.deepEqual(counts, { 'stored-key': 2 });
  });
});
