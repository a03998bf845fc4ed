import assert from 'node:assert/strict';
import { numberedPath, testFilePath } from '../../../src/extension/selection/test-file-path';

describe('selection: where Write Tests puts the new file (the language\'s convention)', () => {
  it('follows each language\'s usual layout', () => {
    const cases: Array<[string, string, string]> = [
      ['src/calc.ts', 'typescript', 'src/calc.test.ts'],
      ['ui/Button.tsx', 'typescriptreact', 'ui/Button.test.tsx'],
      ['lib/util.js', 'javascript', 'lib/util.test.js'],
      ['pkg/calc.py', 'python', 'pkg/test_calc.py'],
      ['internal/calc.go', 'go', 'internal/calc_test.go'],
      ['src/parser.rs', 'rust', 'tests/parser_test.rs'],
      ['src/main/java/com/x/Calc.java', 'java', 'src/test/java/com/x/CalcTest.java'],
      ['Calc.cs', 'csharp', 'CalcTests.cs'],
      ['lib/x/calc.rb', 'ruby', 'spec/x/calc_spec.rb'],
      ['src/Calc.php', 'php', 'tests/CalcTest.php'],
      ['calc.cpp', 'cpp', 'calc_test.cpp'],
      ['notes.txt', 'plaintext', 'notes.test.txt'],
    ];
    for (const [source, lang, want] of cases) assert.equal(testFilePath(source, lang), want, `${source} (${lang})`);
  });

  it('numbers the name when the conventional file exists', () => {
    assert.equal(numberedPath('src/calc.test.ts', 2), 'src/calc.test-2.ts');
    assert.equal(numberedPath('Makefile', 3), 'Makefile-3');
  });
});
