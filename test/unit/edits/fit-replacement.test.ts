import assert from 'node:assert/strict';
import { fitReplacement } from '../../../src/extension/edits/fit-replacement';

describe('edits: fitReplacement (a code block rebased onto the range it replaces)', () => {
  const method = '  add(a, b) {\n    return a - b;\n  }';

  it('re-indents a block the model returned dedented', () => {
    const site = { original: method, lineIndent: '  ', startColumn: 0, eol: '\n' as const };
    assert.equal(fitReplacement('add(a, b) {\n  return a + b;\n}', site), '  add(a, b) {\n    return a + b;\n  }');
  });

  it('leaves a block that kept the document\'s indentation as it is', () => {
    const site = { original: method, lineIndent: '  ', startColumn: 0, eol: '\n' as const };
    assert.equal(fitReplacement('  add(a, b) {\n    return a + b;\n  }', site), '  add(a, b) {\n    return a + b;\n  }');
  });

  it('handles a selection that starts after the indentation, mirrored or dedented by the model', () => {
    const site = { original: 'add(a, b) {\n    return a - b;\n  }', lineIndent: '  ', startColumn: 2, eol: '\n' as const };
    const want = 'add(a, b) {\n    return a + b;\n  }';
    assert.equal(fitReplacement('add(a, b) {\n    return a + b;\n  }', site), want);
    assert.equal(fitReplacement('add(a, b) {\n  return a + b;\n}', site), want);
  });

  it('keeps a trailing newline when the original range had one, and drops trailing blank lines otherwise', () => {
    const site = { original: 'x = 1\n', lineIndent: '', startColumn: 0, eol: '\n' as const };
    assert.equal(fitReplacement('x = 2', site), 'x = 2\n');
    assert.equal(fitReplacement('x = 2\n\n', { ...site, original: 'x = 1' }), 'x = 2');
  });

  it('uses the document\'s line endings', () => {
    const site = { original: 'a\r\nb\r\n', lineIndent: '', startColumn: 0, eol: '\r\n' as const };
    assert.equal(fitReplacement('a\nc', site), 'a\r\nc\r\n');
  });

  it('keeps a one-line replacement of part of a line as it is', () => {
    const site = { original: 'a - b', lineIndent: '    ', startColumn: 11, eol: '\n' as const };
    assert.equal(fitReplacement('a + b', site), 'a + b');
  });
});
