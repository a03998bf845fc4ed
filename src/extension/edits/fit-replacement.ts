/** What the replaced range looks like in its document. */
export interface ReplacementSite {
  /** The text being replaced. */
  original: string;
  /** Leading whitespace of the document line the range starts on. */
  lineIndent: string;
  /** Column (0-based) the range starts at on that line. */
  startColumn: number;
  eol: '\n' | '\r\n';
}

function leadingWhitespace(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

/** The longest whitespace prefix shared by the non-blank lines. */
function commonIndent(lines: readonly string[]): string {
  let common: string | undefined;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const ws = leadingWhitespace(line);
    if (common === undefined) common = ws;
    else {
      let k = 0;
      while (k < common.length && k < ws.length && common[k] === ws[k]) k++;
      common = common.slice(0, k);
    }
  }
  return common ?? '';
}

/**
 * Makes a model's code block fit the range it replaces: the block's indentation is
 * rebased onto the range's line (models often return code dedented, or mirror a
 * selection whose first line starts after the indentation), the trailing newline
 * matches the original's, and line endings match the document's.
 */
export function fitReplacement(code: string, site: ReplacementSite): string {
  const lines = code.replace(/\r\n/g, '\n').split('\n');
  while (lines.length > 1 && lines[lines.length - 1]?.trim() === '') lines.pop();
  const base = site.lineIndent;
  // What the first line needs in front of it: the part of the indentation inside the range.
  const firstPrefix = site.startColumn <= base.length ? base.slice(site.startColumn) : '';
  const rest = lines.slice(1);
  let fitted: string[];
  if (base.length > 0 && rest.some((l) => l.trim() !== '') && commonIndent(rest).startsWith(base) && !leadingWhitespace(lines[0] ?? '').startsWith(base)) {
    // The block mirrors the selection: first line bare, the others already at the document's depth.
    fitted = [firstPrefix + (lines[0] ?? '').trimStart(), ...rest];
  } else {
    const common = commonIndent(lines);
    fitted = lines.map((l, i) => {
      if (l.trim() === '') return '';
      const body = l.slice(common.length);
      return i === 0 ? firstPrefix + body : base + body;
    });
  }
  let text = fitted.join('\n');
  if (/\r?\n$/.test(site.original)) text += '\n';
  return site.eol === '\r\n' ? text.replace(/\n/g, '\r\n') : text;
}
