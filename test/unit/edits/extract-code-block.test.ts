import assert from 'node:assert/strict';
import { extractCodeBlock, fencedBlocks } from '../../../src/extension/edits/extract-code-block';

describe('edits: extractCodeBlock (the replacement in a model answer)', () => {
  it('takes the fenced block and its language tag, without the fences', () => {
    const answer = 'Here is the fix:\n\n```typescript\nfunction f() {\n  return 1;\n}\n```\n\nThe bug was the return value.';
    assert.deepEqual(extractCodeBlock(answer), { code: 'function f() {\n  return 1;\n}', language: 'typescript' });
  });

  it('keeps the block\'s indentation and blank lines', () => {
    assert.deepEqual(extractCodeBlock('```\n    a\n\n      b\n```'), { code: '    a\n\n      b', language: '' });
  });

  it('prefers the largest block over a short usage example', () => {
    const answer = 'Use it like `f()`:\n```ts\nf();\n```\nThe function:\n```ts\nexport function f(): number {\n  return 42;\n}\n```';
    assert.equal(extractCodeBlock(answer)?.code, 'export function f(): number {\n  return 42;\n}');
  });

  it('handles tildes, info strings with attributes, CRLF and a longer fence around backticks', () => {
    assert.deepEqual(extractCodeBlock('~~~py title="x.py"\r\nprint(1)\r\n~~~\r\n'), { code: 'print(1)', language: 'py' });
    const md = '````markdown\nText\n```js\nx()\n```\n````';
    assert.equal(extractCodeBlock(md)?.code, 'Text\n```js\nx()\n```');
  });

  it('returns nothing for an answer without a usable block: no fence, only a cut block, or an empty one', () => {
    assert.equal(extractCodeBlock('I would rename the variable and add a guard.'), undefined);
    assert.equal(extractCodeBlock('```ts\nfunction f() {\n  return'), undefined);
    assert.equal(extractCodeBlock('```\n\n```'), undefined);
    assert.equal(extractCodeBlock('inline ```code``` only'), undefined);
  });

  it('finds every closed block in order', () => {
    assert.deepEqual(fencedBlocks('```a\n1\n```\ntext\n```b\n2\n```').map((b) => b.language), ['a', 'b']);
  });
});
