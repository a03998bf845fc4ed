/** Tiny DOM helpers: every piece of text goes in through textContent, never HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} missing from the chat view`);
  return node as T;
}

/** A button with a codicon and a visible label; `ariaLabel` when the label alone is ambiguous. */
export function button(label: string, opts: { icon?: string; className?: string; ariaLabel?: string; title?: string } = {}): HTMLButtonElement {
  const b = el('button', opts.className);
  b.type = 'button';
  if (opts.icon) {
    const icon = el('span', `codicon codicon-${opts.icon}`);
    icon.setAttribute('aria-hidden', 'true');
    b.append(icon);
  }
  if (label) b.append(el('span', 'label', label));
  if (opts.ariaLabel) b.setAttribute('aria-label', opts.ariaLabel);
  if (opts.title ?? opts.ariaLabel) b.title = opts.title ?? opts.ariaLabel ?? '';
  return b;
}
