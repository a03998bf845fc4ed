/** The parts of a DocumentSymbol this module reads (0-based, inclusive lines). */
export interface SymbolNode {
  name: string;
  kind: number;
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
  children: readonly SymbolNode[];
}

/** vscode.SymbolKind values of things that are "a function" for a command without a selection. */
export const FUNCTION_KINDS: ReadonlySet<number> = new Set([5, 8, 11]); // Method, Constructor, Function

function contains(s: SymbolNode, line: number, character: number): boolean {
  if (line < s.startLine || line > s.endLine) return false;
  if (line === s.startLine && character < s.startCharacter) return false;
  if (line === s.endLine && character > s.endCharacter) return false;
  return true;
}

/** The innermost function-like symbol around the position, if any. */
export function enclosingFunction(symbols: readonly SymbolNode[], line: number, character: number, kinds: ReadonlySet<number> = FUNCTION_KINDS): SymbolNode | undefined {
  let found: SymbolNode | undefined;
  let level: readonly SymbolNode[] = symbols;
  for (;;) {
    const hit = level.find((s) => contains(s, line, character));
    if (!hit) return found;
    if (kinds.has(hit.kind)) found = hit;
    level = hit.children;
  }
}
