/** A span of a document as character offsets, `end` exclusive. */
export interface Span {
  start: number;
  end: number;
}

/** One content change as VS Code reports it (offset and length in the text before the change). */
export interface SpanChange {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

/**
 * Where `span` is after `change`, or `undefined` when the change touched it.
 * Edits before the span move it; edits after it leave it alone; an insertion
 * exactly at either boundary counts as outside (typing next to the code is not
 * editing it), anything that overlaps it is a change to it.
 */
export function shiftSpan(span: Span, change: SpanChange): Span | undefined {
  const changeEnd = change.rangeOffset + change.rangeLength;
  if (changeEnd <= span.start) {
    const delta = change.text.length - change.rangeLength;
    return { start: span.start + delta, end: span.end + delta };
  }
  if (change.rangeOffset >= span.end) return span;
  return undefined;
}

/** Applies VS Code's changes of one event in order (each offset is in the text before the event). */
export function shiftSpanByEvent(span: Span, changes: readonly SpanChange[]): Span | undefined {
  // VS Code reports the changes of one event with offsets into the original text, sorted from
  // the end of the document backwards when several; applying them last-first keeps offsets valid.
  const ordered = [...changes].sort((a, b) => b.rangeOffset - a.rangeOffset);
  let current: Span | undefined = span;
  for (const c of ordered) {
    if (!current) return undefined;
    current = shiftSpan(current, c);
  }
  return current;
}
