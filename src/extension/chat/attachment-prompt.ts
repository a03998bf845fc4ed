import { Attachment } from './chat-surface';

/** A fence longer than any backtick run in the code, so the code cannot close it early. */
function fenceFor(text: string): string {
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/** The user message sent to the model: the instruction, then each attachment as fenced code with where it is from. */
export function promptWithAttachments(prompt: string, attachments: readonly Attachment[]): string {
  const parts = [prompt];
  for (const a of attachments) {
    const fence = fenceFor(a.text);
    parts.push(`${a.path} (lines ${a.startLine}-${a.endLine}, ${a.languageId}):\n${fence}${a.languageId}\n${a.text}\n${fence}`);
  }
  return parts.join('\n\n');
}
