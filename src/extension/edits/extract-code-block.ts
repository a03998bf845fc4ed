/** A fenced code block found in a model's answer. */
export interface CodeBlock {
  /** The block's content without the fences (no trailing newline added). */
  code: string;
  /** The info string's first word (`ts`, `python`), or '' when the fence had none. */
  language: string;
}

const OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;

/**
 * Every closed fenced block of a Markdown answer (CommonMark rules: a closing fence uses
 * the same character, at least as long, nothing after it). An unclosed block at the end
 * (a cut answer) is not returned: applying half a function is worse than nothing.
 */
export function fencedBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPEN.exec(lines[i] ?? '');
    if (!open) continue;
    const [, indent = '', fence = '', info = ''] = open;
    // A backtick fence's info string may not contain backticks (it would be inline code).
    if (fence.startsWith('`') && info.includes('`')) continue;
    const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    let j = i + 1;
    while (j < lines.length && !close.test(lines[j] ?? '')) j++;
    if (j >= lines.length) break;
    const body = lines.slice(i + 1, j).map((l) => stripIndent(l, indent.length));
    blocks.push({ code: body.join('\n'), language: info.trim().split(/\s+/)[0] ?? '' });
    i = j;
  }
  return blocks;
}

function stripIndent(line: string, n: number): string {
  let k = 0;
  while (k < n && line[k] === ' ') k++;
  return line.slice(k);
}

/**
 * The block to use as a replacement: the largest (models sometimes add a small usage
 * example next to the real answer), the first among equals; `undefined` when the
 * answer has no closed block with any non-blank content.
 */
export function extractCodeBlock(markdown: string): CodeBlock | undefined {
  let best: CodeBlock | undefined;
  for (const b of fencedBlocks(markdown)) {
    if (b.code.trim() === '') continue;
    if (!best || b.code.length > best.code.length) best = b;
  }
  return best;
}
