import type { CodeAction } from '../../protocol/messages';
import { button, el } from '../dom';

const ACTIONS: ReadonlyArray<{ action: CodeAction; label: string; icon: string; aria: string }> = [
  { action: 'copy', label: 'Copy', icon: 'copy', aria: 'Copy code' },
  { action: 'insert', label: 'Insert', icon: 'insert', aria: 'Insert code at the cursor' },
  { action: 'apply', label: 'Apply', icon: 'diff', aria: 'Apply code to the selection (shows a diff first)' },
  { action: 'newFile', label: 'New file', icon: 'new-file', aria: 'Open code as a new untitled file' },
];

/** Wraps each finished code block in a frame with its language and the four actions (handled by delegation). */
export function decorateCodeBlocks(fragment: DocumentFragment): void {
  for (const pre of Array.from(fragment.querySelectorAll('pre'))) {
    const code = pre.querySelector('code');
    const language = /language-([\w+#-]+)/.exec(code?.className ?? '')?.[1] ?? '';
    const frame = el('div', 'code-block');
    const bar = el('div', 'code-toolbar');
    bar.append(el('span', 'code-lang', language || 'text'));
    for (const a of ACTIONS) {
      const b = button(a.label, { icon: a.icon, className: 'code-action', ariaLabel: a.aria });
      b.dataset.codeAction = a.action;
      bar.append(b);
    }
    frame.dataset.language = language;
    pre.replaceWith(frame);
    frame.append(bar, pre);
  }
}

/** The action, code and language of a click on a code-block button, if it was one. */
export function codeActionOf(target: Element): { action: CodeAction; code: string; language: string } | undefined {
  const b = target.closest<HTMLButtonElement>('button[data-code-action]');
  const frame = b?.closest<HTMLElement>('.code-block');
  if (!b || !frame) return undefined;
  return { action: b.dataset.codeAction as CodeAction, code: frame.querySelector('pre')?.textContent ?? '', language: frame.dataset.language ?? '' };
}
