import assert from 'node:assert/strict';
import { BUILTIN_COMMANDS, builtinPrompt } from '../../../src/extension/selection/command-prompts';

const subject = { file: 'src/calc.ts', languageId: 'typescript', startLine: 3, endLine: 7 };

describe('selection: the built-in commands\' prompts', () => {
  it('edit commands ask for one fenced block replacing exactly the attached range', () => {
    for (const name of ['fixSelection', 'refactorSelection', 'addDocs'] as const) {
      const p = builtinPrompt(name, subject, {});
      assert.match(p, /exactly one fenced code block containing the complete replacement for the attached code \(src\/calc\.ts, lines 3-7\)/, name);
      assert.match(p, /keep its indentation/, name);
    }
  });

  it('Fix carries the editor\'s diagnostics when there are any', () => {
    assert.match(builtinPrompt('fixSelection', subject, { problems: ["ts(2322): Type 'string' is not assignable to type 'number'. (line 4)"] }), /reports these problems in it:\n- ts\(2322\)/);
    assert.match(builtinPrompt('fixSelection', subject, {}), /Find and fix the bugs/);
  });

  it('Write Tests names the new file; Ask sends the question; every command has a distinct origin name', () => {
    assert.match(builtinPrompt('writeTests', subject, { testPath: 'src/calc.test.ts' }), /saved as a new file, src\/calc\.test\.ts; import the code under test from src\/calc\.ts/);
    assert.match(builtinPrompt('askAboutSelection', { ...subject, endLine: 3 }, { question: 'Why?' }), /^Why\?\n\n\(About the attached code: src\/calc\.ts, line 3, typescript\.\)$/);
    assert.equal(new Set(BUILTIN_COMMANDS.map((c) => c.name)).size, BUILTIN_COMMANDS.length);
  });
});
