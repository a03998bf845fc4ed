/**
 * The chat view as the other surfaces (commands on the selection, quick fixes)
 * see it. The chat view implements it; commands depend only on this file.
 */

/** Code attached to a prompt: shown as a chip (file and lines), sent to the model as context. */
export interface Attachment {
  kind: 'selection' | 'file';
  /** Workspace-relative path (or the untitled document's name): what the chip shows. */
  path: string;
  /** The document's URI as a string, to reveal it from the chip. */
  uri: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  languageId: string;
  text: string;
}

/** A prompt sent from outside the composer. */
export interface ChatSubmission {
  /** The instruction sent to the model; the chat adds the attachments as fenced code after it. */
  prompt: string;
  /** What the transcript shows as the user's turn ("Explain", "Fix: <diagnostic>"); the prompt when absent. */
  display?: string;
  attachments: readonly Attachment[];
  /** The alias to ask; the active alias when absent. */
  alias?: string;
  /** Recorded as `CallRecord.origin` ("chat" for the composer, "command:<name>" for commands). */
  origin: string;
}

/** How a submitted prompt ended. `text` is the answer as received (also when cut or stopped). */
export type ChatOutcome =
  | { status: 'ok'; requestId: string; text: string }
  | { status: 'incomplete'; requestId: string; text: string; message: string }
  | { status: 'error'; requestId: string; text: string; message: string }
  | { status: 'cancelled'; requestId: string; text: string }
  /** Never sent: nothing configured, another request running, the prompt refused before sending. */
  | { status: 'refused'; message: string };

/** A button shown under one answer in the chat; `run` is called in the extension when clicked. */
export interface AnswerAction {
  label: string;
  run: () => void | Promise<void>;
}

export interface ChatSurface {
  /** Reveals the chat view, shows the turn with its chips and streams the answer; resolves when it ends. */
  submit(submission: ChatSubmission): Promise<ChatOutcome>;
  /** Shows buttons under an answer (e.g. "Accept edit" / "Reject"); replaces earlier ones for that answer. */
  setAnswerActions(requestId: string, note: string, actions: readonly AnswerAction[]): void;
}
