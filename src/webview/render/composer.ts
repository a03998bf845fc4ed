import { formatUsd } from '../../protocol/format-usd';
import type { ViewState } from '../../protocol/messages';
import { button, byId, el } from '../dom';
import { post } from '../vscode-api';
import { chipElement } from './turn-view';

let counter = 0;
function newRequestId(): string {
  counter += 1;
  return `r${Date.now().toString(36)}-${counter}`;
}

/**
 * The prompt box and its controls. Enter sends, Shift+Enter adds a line,
 * Escape stops the running answer, ↑ in an empty box recalls the last prompt.
 */
export class Composer {
  private readonly prompt = byId<HTMLTextAreaElement>('prompt');
  private readonly send = byId<HTMLButtonElement>('send');
  private readonly stop = byId<HTMLButtonElement>('stop');
  private readonly chips = byId<HTMLDivElement>('composer-chips');
  private busy: string | null = null;
  private chipKey = '';

  constructor(private readonly recall: () => string | undefined) {
    this.prompt.addEventListener('keydown', (e) => this.onKey(e));
    // Escape stops the answer from anywhere in the view (a code button, a link), not only the prompt box.
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.busy && e.target !== this.prompt && !(e.target as Element).closest('#history')) {
        e.preventDefault();
        this.stopAnswer();
      }
    });
    this.send.addEventListener('click', () => this.submit());
    this.stop.addEventListener('click', () => this.stopAnswer());
    byId('attach-selection').addEventListener('click', () => post({ type: 'attach', what: 'selection' }));
    byId('attach-file').addEventListener('click', () => post({ type: 'attach', what: 'file' }));
    this.chips.addEventListener('click', (e) => {
      const remove = (e.target as Element).closest<HTMLButtonElement>('button[data-chip-index]');
      if (remove) post({ type: 'removeChip', index: Number(remove.dataset.chipIndex) });
    });
  }

  render(view: ViewState): void {
    this.busy = view.busy;
    // Stop takes Send's place while an answer streams (a narrow sidebar has no room for both).
    this.send.hidden = view.busy !== null;
    this.send.disabled = view.busy !== null || !view.configured;
    this.stop.hidden = view.busy === null;
    this.stop.disabled = view.busy === null;
    const key = JSON.stringify(view.chips);
    if (key === this.chipKey) return;
    this.chipKey = key;
    this.chips.replaceChildren(
      ...view.chips.map((c, i) => {
        const chip = chipElement(c);
        const cost = c.costUsd === null ? '' : ` · ~${formatUsd(c.costUsd)}`;
        chip.append(el('span', 'chip-estimate', `~${c.tokens} tokens${cost}`));
        const remove = button('', { icon: 'close', className: 'chip-remove', ariaLabel: `Remove attachment ${c.path}` });
        remove.dataset.chipIndex = String(i);
        chip.append(remove);
        return chip;
      }),
    );
    this.chips.hidden = view.chips.length === 0;
  }

  focus(): void {
    this.prompt.focus();
  }

  private onKey(e: KeyboardEvent): void {
    if (e.isComposing) return;
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      this.submit();
    } else if (e.key === 'Escape' && this.busy) {
      e.preventDefault();
      this.stopAnswer();
    } else if (e.key === 'ArrowUp' && this.prompt.value === '') {
      const last = this.recall();
      if (last !== undefined) {
        e.preventDefault();
        this.prompt.value = last;
        this.prompt.setSelectionRange(last.length, last.length);
      }
    }
  }

  private submit(): void {
    const text = this.prompt.value;
    if (text.trim() === '' || this.busy !== null) return;
    post({ type: 'send', requestId: newRequestId(), text });
    this.prompt.value = '';
  }

  private stopAnswer(): void {
    if (this.busy) post({ type: 'stop', requestId: this.busy });
  }
}
