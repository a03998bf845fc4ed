/** One SSE event as the server writes it. */
export interface SseFrame {
  /** `event:` line (Anthropic); omitted for OpenAI chat chunks. */
  event?: string;
  /** Raw payload after `data: ` (already JSON-encoded). */
  data: string;
  /** Set on answer text deltas: 0-based index of the text chunk this frame carries. */
  textIndex?: number;
}

export function encodeFrame(frame: SseFrame): string {
  const head = frame.event === undefined ? '' : `event: ${frame.event}\n`;
  return `${head}data: ${frame.data}\n\n`;
}

export function jsonFrame(payload: unknown, event?: string, textIndex?: number): SseFrame {
  const frame: SseFrame = { data: JSON.stringify(payload) };
  if (event !== undefined) frame.event = event;
  if (textIndex !== undefined) frame.textIndex = textIndex;
  return frame;
}
