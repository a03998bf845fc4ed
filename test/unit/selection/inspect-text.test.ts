import assert from 'node:assert/strict';
import { inspectText } from '../../../src/extension/selection/inspect-text';

describe('selection: text that must not be sent (binary, empty, too large)', () => {
  it('lets ordinary code through, tabs and CRLF included', () => {
    assert.equal(inspectText('function f() {\r\n\treturn 1;\r\n}', 1000), undefined);
  });

  it('refuses binary data: NULs or many control / replacement characters', () => {
    assert.deepEqual(inspectText('PK\u0003\u0004\u0000\u0000abc', 1000), { kind: 'binary' });
    assert.deepEqual(inspectText('\uFFFD\uFFFDx\uFFFD\u0001\u0002abcdefgh', 1000), { kind: 'binary' });
  });

  it('refuses an empty or whitespace-only selection and one over the limit', () => {
    assert.deepEqual(inspectText('  \n\t', 1000), { kind: 'empty' });
    assert.deepEqual(inspectText('x'.repeat(11), 10), { kind: 'too-large', chars: 11, limit: 10 });
  });
});
