import assert from 'node:assert/strict';
import { needsInput, placeholdersOf, renderTemplate, validateTemplates } from '../../../src/extension/selection/prompt-templates';

describe('selection: switchboard.prompts templates', () => {
  it('accepts valid templates with defaults (mode chat, no alias)', () => {
    const v = validateTemplates([
      { name: 'Go', template: 'Translate {{selection}} to Go', alias: 'smart' },
      { name: ' Docs ', template: 'Document {{ selection }} in {{language}}', mode: 'edit' },
    ]);
    assert.deepEqual(v.problems, []);
    assert.deepEqual(v.templates, [
      { name: 'Go', template: 'Translate {{selection}} to Go', alias: 'smart', mode: 'chat' },
      { name: 'Docs', template: 'Document {{ selection }} in {{language}}', mode: 'edit' },
    ]);
  });

  it('names the entry and the unknown placeholder, and keeps the valid entries', () => {
    const v = validateTemplates([{ name: 'Ok', template: 'x {{file}}' }, { name: 'Bad', template: 'Do {{nonsense}} to {{selection}} and {{Selection}}' }]);
    assert.deepEqual(v.templates.map((t) => t.name), ['Ok']);
    assert.deepEqual(v.problems, [
      'switchboard.prompts[1] ("Bad"): unknown placeholder {{nonsense}}; use {{selection}}, {{language}}, {{file}} or {{input}}.',
      'switchboard.prompts[1] ("Bad"): unknown placeholder {{Selection}}; use {{selection}}, {{language}}, {{file}} or {{input}}.',
    ]);
  });

  it('says what to change for a missing name or template, a bad mode or alias, a duplicate, or not a list', () => {
    const v = validateTemplates([{ template: 'x' }, { name: 'A' }, { name: 'B', template: 'x', mode: 'diff' }, { name: 'C', template: 'x', alias: 3 }, { name: 'D', template: 'x' }, { name: 'D', template: 'y' }, 'z']);
    assert.equal(v.templates.length, 1);
    assert.equal(v.templates[0]?.name, 'D');
    assert.match(v.problems.join('\n'), /prompts\[0\] needs a "name"/);
    assert.match(v.problems.join('\n'), /prompts\[1\] \("A"\) needs a "template"/);
    assert.match(v.problems.join('\n'), /"mode" must be "chat" .* or "edit" .*, not "diff"/);
    assert.match(v.problems.join('\n'), /\("C"\): "alias" must be the name of an alias/);
    assert.match(v.problems.join('\n'), /prompts\[5\] \("D"\): another prompt is already named "D"/);
    assert.match(v.problems.join('\n'), /prompts\[6\] must be an object/);
    assert.deepEqual(validateTemplates({ name: 'x' }).problems, ['switchboard.prompts must be a list of { "name", "template", "alias"?, "mode"? } objects.']);
    assert.deepEqual(validateTemplates(undefined), { templates: [], problems: [] });
  });

  it('fills placeholders, with {{selection}} referring to the attached code', () => {
    const t = { name: 'x', template: 'Port {{selection}} ({{ language }}, {{file}}) to {{input}}; keep {{input}} idioms.', mode: 'chat' as const };
    assert.deepEqual(placeholdersOf(t.template), ['selection', 'language', 'file', 'input']);
    assert.equal(needsInput(t), true);
    assert.equal(
      renderTemplate(t, { selectionRef: 'the attached code (a.ts, lines 1-2)', language: 'typescript', file: 'a.ts', input: 'Rust' }),
      'Port the attached code (a.ts, lines 1-2) (typescript, a.ts) to Rust; keep Rust idioms.',
    );
  });
});
