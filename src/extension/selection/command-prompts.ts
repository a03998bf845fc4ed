/** What a command does with the answer. */
export type AnswerUse = 'chat' | 'edit' | 'new-file';

/** The code a command works on, as the prompt describes it. */
export interface PromptSubject {
  /** Workspace-relative path. */
  file: string;
  languageId: string;
  startLine: number;
  endLine: number;
}

/** A built-in command on the selection. */
export interface BuiltinCommand {
  /** The command id's suffix (`switchboard.<name>`), also the origin `command:<name>`. */
  name: 'explainSelection' | 'fixSelection' | 'refactorSelection' | 'writeTests' | 'addDocs' | 'askAboutSelection';
  /** What the chat shows as the user's turn. */
  label: string;
  use: AnswerUse;
}

export const BUILTIN_COMMANDS: readonly BuiltinCommand[] = [
  { name: 'explainSelection', label: 'Explain', use: 'chat' },
  { name: 'fixSelection', label: 'Fix', use: 'edit' },
  { name: 'refactorSelection', label: 'Refactor', use: 'edit' },
  { name: 'writeTests', label: 'Write Tests', use: 'new-file' },
  { name: 'addDocs', label: 'Add Docs', use: 'edit' },
  { name: 'askAboutSelection', label: 'Ask', use: 'chat' },
];

function lines(s: PromptSubject): string {
  return s.startLine === s.endLine ? `line ${s.startLine}` : `lines ${s.startLine}-${s.endLine}`;
}

/**
 * What an edit answer must look like: one block with the full replacement of
 * exactly the attached range (the extension applies it to that range only).
 */
export function editInstructions(s: PromptSubject): string {
  return [
    `Reply with exactly one fenced code block containing the complete replacement for the attached code (${s.file}, ${lines(s)}) and nothing else from the file:`,
    'the block replaces that range as a whole, so include every line of it that should remain, keep its indentation and style, and do not add code from outside the range.',
    'After the block, explain the change in one or two sentences.',
  ].join(' ');
}

/** The instruction sent with the attached code for a built-in command. */
export function builtinPrompt(name: BuiltinCommand['name'], s: PromptSubject, extra: { question?: string; problems?: readonly string[]; testPath?: string }): string {
  const where = `${s.file}, ${lines(s)}, ${s.languageId}`;
  switch (name) {
    case 'explainSelection':
      return `Explain the attached code (${where}): what it does, how it works, and anything surprising, risky or worth improving. Be concise.`;
    case 'askAboutSelection':
      return `${extra.question ?? ''}\n\n(About the attached code: ${where}.)`;
    case 'fixSelection': {
      const problems = extra.problems?.length ? `\nThe editor reports these problems in it:\n${extra.problems.map((p) => `- ${p}`).join('\n')}\nFix them` : 'Find and fix the bugs in it';
      return `The attached code (${where}) needs fixing. ${problems}, changing as little as possible.\n${editInstructions(s)}`;
    }
    case 'refactorSelection':
      return `Refactor the attached code (${where}) for readability and maintainability without changing its behaviour or its public interface.\n${editInstructions(s)}`;
    case 'addDocs':
      return `Add documentation comments to the attached code (${where}) in the idiomatic style for ${s.languageId} (for example JSDoc or docstrings): purpose, parameters, return value, errors. Do not change the code itself.\n${editInstructions(s)}`;
    case 'writeTests':
      return [
        `Write unit tests for the attached code (${where}) using the test framework a ${s.languageId} project most likely uses.`,
        `They will be saved as a new file, ${extra.testPath ?? 'next to the source'}; import the code under test from ${s.file} with the right relative path.`,
        'Reply with exactly one fenced code block containing the complete test file, then list what the tests cover in one or two sentences.',
      ].join(' ');
    default:
      return name satisfies never;
  }
}
