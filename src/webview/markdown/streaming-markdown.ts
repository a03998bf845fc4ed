import { el } from '../dom';
import { renderMarkdown } from './render-markdown';
import { stablePrefixEnd } from './stable-prefix';

/**
 * One answer's markdown while it streams. Finished blocks are rendered once
 * (highlighted, decorated with code-block buttons) and kept; only the
 * unfinished tail is re-rendered, at most once per animation frame.
 */
export class StreamingMarkdown {
  readonly element = el('div', 'markdown');
  private readonly done = el('div', 'md-done');
  private readonly tail = el('div', 'md-tail');
  private text = '';
  private renderedUpTo = 0;
  private frame: number | undefined;

  /** `decorate` runs once on each finished fragment (code-block toolbars). */
  constructor(private readonly decorate: (fragment: DocumentFragment) => void) {
    this.element.append(this.done, this.tail);
  }

  /** The whole answer so far; `final` renders everything now (the answer ended, or a restored one). */
  update(text: string, final: boolean): void {
    if (!text.startsWith(this.text.slice(0, this.renderedUpTo))) {
      // Not a continuation (should not happen: answers only grow); start over rather than show a mix.
      this.done.replaceChildren();
      this.renderedUpTo = 0;
    }
    this.text = text;
    if (final) {
      if (this.frame !== undefined) cancelAnimationFrame(this.frame);
      this.frame = undefined;
      this.flush(true);
    } else if (this.frame === undefined) {
      this.frame = requestAnimationFrame(() => {
        this.frame = undefined;
        this.flush(false);
      });
    }
  }

  dispose(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
  }

  private flush(final: boolean): void {
    const cut = final ? this.text.length : stablePrefixEnd(this.text, this.renderedUpTo);
    if (cut > this.renderedUpTo) {
      const fragment = renderMarkdown(this.text.slice(this.renderedUpTo, cut), true);
      this.decorate(fragment);
      this.done.append(fragment);
      this.renderedUpTo = cut;
    }
    const rest = this.text.slice(this.renderedUpTo);
    if (rest === '') this.tail.replaceChildren();
    else this.tail.replaceChildren(renderMarkdown(rest, false));
  }
}
