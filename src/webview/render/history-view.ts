import type { ConversationSummary } from '../../protocol/chat-model';
import { button, byId, el } from '../dom';
import { post } from '../vscode-api';

function when(ms: number): string {
  const d = new Date(ms);
  return d.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** The conversation list: open one, delete one, clear all. Toggled from the header. */
export class HistoryView {
  private readonly panel = byId<HTMLDivElement>('history');
  private readonly toggle = byId<HTMLButtonElement>('history-toggle');
  private key = '';

  constructor(private readonly onClose: () => void) {
    this.toggle.addEventListener('click', () => this.setOpen(this.panel.hidden));
    this.panel.addEventListener('click', (e) => {
      const b = (e.target as Element).closest<HTMLButtonElement>('button');
      if (!b) return;
      if (b.dataset.open) {
        post({ type: 'openConversation', id: b.dataset.open });
        this.setOpen(false);
      } else if (b.dataset.delete) post({ type: 'deleteConversation', id: b.dataset.delete });
      else if (b.dataset.clear) post({ type: 'clearHistory' });
    });
    this.panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.setOpen(false);
    });
  }

  render(conversations: readonly ConversationSummary[], activeId: string): void {
    const key = JSON.stringify([conversations, activeId]);
    if (key === this.key) return;
    this.key = key;
    const list = el('ul', 'history-list');
    list.setAttribute('aria-label', 'Conversations');
    for (const c of conversations) {
      const item = el('li', c.id === activeId ? 'history-item active' : 'history-item');
      const open = el('button', 'history-open');
      open.type = 'button';
      open.dataset.open = c.id;
      open.append(el('span', 'history-title', c.title || 'New chat'), el('span', 'history-meta', `${when(c.updatedAt)} · ${c.turns} ${c.turns === 1 ? 'question' : 'questions'}`));
      if (c.id === activeId) open.setAttribute('aria-current', 'true');
      const del = button('', { icon: 'trash', className: 'icon-button', ariaLabel: `Delete conversation "${c.title || 'New chat'}"` });
      del.dataset.delete = c.id;
      item.append(open, del);
      list.append(item);
    }
    const clear = button('Clear all history', { icon: 'clear-all', className: 'link' });
    clear.dataset.clear = '1';
    clear.disabled = conversations.length === 0;
    this.panel.replaceChildren(el('h2', 'history-heading', 'History'), conversations.length ? list : el('p', 'muted', 'No conversations yet.'), clear);
  }

  private setOpen(open: boolean): void {
    this.panel.hidden = !open;
    this.toggle.setAttribute('aria-expanded', String(open));
    if (open) this.panel.querySelector<HTMLButtonElement>('button')?.focus();
    else this.onClose();
  }
}
