import assert from 'node:assert/strict';
import { SecretCounts, redactText } from '../../../src/core/redaction/redact-text';
import { SECRET_CANDIDATE, SECRET_PATTERNS } from '../../../src/core/redaction/secret-patterns';
import { seededRandom } from '../../support/seeded-random';

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

describe('S8 redactText: the candidate scan finds everything the patterns would', () => {
  /** The patterns alone, each scanning the text (what redactText did before SECRET_CANDIDATE). */
  function byPatternsOnly(text: string): string {
    let out = text;
    for (const { pattern } of SECRET_PATTERNS) out = out.replace(new RegExp(pattern.source, pattern.flags), '<x>');
    return out;
  }
  // Starts of every kind (and near misses), bodies long enough to match, the characters that end a match.
  const pieces = ['sk-', 'sk-ant-', 'gsk_', 'xai-', 'AIza', 'AKIA', 'ASIA', 'ABIA', 'ACCA', 'ghp_', 'gho_', 'github_pat_', 'xoxb-', 'xapp-1-', 'eyJ', '.eyJ', '-----BEGIN RSA PRIVATE KEY-----', '-----END RSA PRIVATE KEY-----', 'aws_secret_access_key', 'SecretAccessKey', 'secretaccesskey', ' = ', '"', ': ', 'Ab3dEf6hIj9kLm2nOp5q', 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAB12', 'RS8TUV1WXY4Z', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', '0123456789', '_-', ' ', '\n', 'prose', 'Sk-', 'AKia'];

  it('on 5,000 random texts, a text the candidate scan passes over is one no pattern changes', () => {
    const random = seededRandom(8);
    let withSecrets = 0;
    for (let i = 0; i < 5000; i++) {
      let text = '';
      const n = 1 + Math.floor(random() * 8);
      for (let k = 0; k < n; k++) text += pieces[Math.floor(random() * pieces.length)];
      const changed = byPatternsOnly(text) !== text;
      if (changed) withSecrets++;
      if (!SECRET_CANDIDATE.test(text)) assert.ok(!changed, `the candidate scan missed a secret in ${JSON.stringify(text)}`);
      // And redactText, with the scan, redacts exactly where the patterns alone do.
      const counts: SecretCounts = {};
      assert.equal(redactText(text, [], counts) !== text, changed, JSON.stringify(text));
    }
    assert.ok(withSecrets > 250, `only ${withSecrets} texts held a secret: the generator no longer exercises the patterns`);
  });

  it("every pattern's own examples pass the candidate scan", () => {
    for (const text of ['sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z', ANTHROPIC_SHAPED, 'gsk_Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z', 'xai-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z', 'AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q', 'AKIAIOSFODNN7EXAMPLE', 'ghp_Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAB12', 'xoxb-123456789012-1234567890123-AbCdEfGhIjKl', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'SecretAccessKey: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----'])
      assert.ok(SECRET_CANDIDATE.test(text), text);
  });
});
