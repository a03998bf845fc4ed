/**
 * Where a streaming markdown answer can be cut into "finished" and "still
 * growing": the end of the last block later text can no longer change. A
 * block ends at a blank line outside a fenced code block, before a fence opens
 * (a fence interrupts a paragraph), and at a fence's closing line. Everything
 * before the cut is rendered once and kept; only the tail is re-rendered.
 *
 * Cutting can split one loose list (items separated by blank lines) into two
 * lists; markdown-it keeps the second list's start number, so it reads the same.
 */

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Scans `text` from `from` (a previous cut, so outside any block) and returns
 * the largest safe cut ≤ text.length, or `from` when there is none yet. Only
 * complete lines (ending in \n) count: the last line may still grow.
 */
export function stablePrefixEnd(text: string, from: number): number {
  let cut = from;
  let fence: string | undefined;
  let pos = from;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    if (nl === -1) break;
    const line = text.slice(pos, nl);
    const next = nl + 1;
    const marker = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      // A closing fence: the same character, at least as long, nothing after it.
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) {
        fence = undefined;
        cut = next;
      }
    } else if (marker) {
      fence = marker;
      cut = pos;
    } else if (line.trim() === '') {
      cut = next;
    }
    pos = next;
  }
  return cut;
}

