import assert from 'node:assert/strict';
import { stablePrefixEnd } from '../../../src/webview/markdown/stable-prefix';

describe('webview: where a streaming answer can be cut (finished blocks vs growing tail)', () => {
  it('cuts after a blank line, never inside the last (growing) line', () => {
    const text = '# Title\n\nFirst paragraph.\n\nSecond para';
    assert.equal(text.slice(0, stablePrefixEnd(text, 0)), '# Title\n\nFirst paragraph.\n\n');
  });

  it('does not cut inside an open fence, even at blank lines, and cuts right after it closes', () => {
    const open = 'Intro:\n```ts\nconst a = 1;\n\nconst b = 2;\n';
    assert.equal(open.slice(0, stablePrefixEnd(open, 0)), 'Intro:\n', 'cut before the fence (it interrupts the paragraph)');
    const closed = `${open}\`\`\`\nAfter`;
    assert.equal(closed.slice(0, stablePrefixEnd(closed, 0)), `${open}\`\`\`\n`);
  });

  it('needs the same fence character, at least as long, alone on the line, to close', () => {
    const text = '````md\n```\nstill inside\n~~~\n````x\n';
    assert.equal(stablePrefixEnd(text, 0), 0);
    assert.equal(stablePrefixEnd(`${text}\`\`\`\`\n`, 0), text.length + 5);
  });

  it('scans on from an earlier cut and gives the same answer as a full scan', () => {
    const text = 'a\n\n```py\nx\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- one\n- two\n';
    let cut = 0;
    for (let i = 1; i <= text.length; i++) {
      const next = stablePrefixEnd(text.slice(0, i), cut);
      assert.ok(next >= cut);
      assert.equal(next, stablePrefixEnd(text.slice(0, i), 0), `at ${i}`);
      cut = next;
    }
    assert.equal(text.slice(cut), '- one\n- two\n', 'the list may still grow: it stays in the tail');
  });
});
