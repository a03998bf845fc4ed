import type { TurnView } from '../../protocol/chat-model';
import type { ChatState } from '../state/chat-state';
import { el } from '../dom';
import { FollowAnswer } from './follow-answer';
import { TurnElement } from './turn-view';

/**
 * The shown conversation, rendered from the view model keyed by request id:
 * new turns are appended, changed ones updated in place, nothing else touched.
 * Follows a streaming answer unless the user scrolled up to read.
 */
export class TranscriptView {
  private readonly items = new Map<string, TurnElement>();
  private readonly content = el('div', 'transcript-content');
  private conversationId = '';
  private readonly follow = new FollowAnswer();

  constructor(
    scroller: HTMLElement,
    private readonly empty: HTMLElement,
    private readonly announce: (text: string) => void,
  ) {
    scroller.append(this.content);
    scroller.addEventListener('scroll', () => {
      this.follow.scrolled({ top: scroller.scrollTop, viewport: scroller.clientHeight, content: scroller.scrollHeight });
    });
    // Markdown lands a frame after the model changes: scroll when the content actually grows.
    new ResizeObserver(() => {
      if (!this.follow.active) return;
      scroller.scrollTop = scroller.scrollHeight;
      this.follow.pinned(scroller.scrollTop);
    }).observe(this.content);
  }

  render(state: ChatState): void {
    if (state.conversationId !== this.conversationId) {
      this.conversationId = state.conversationId;
      for (const item of this.items.values()) item.dispose();
      this.items.clear();
      this.content.replaceChildren();
      this.follow.restart();
    }
    const keep = new Set(state.order);
    for (const [id, item] of this.items) {
      if (!keep.has(id)) {
        item.dispose();
        item.element.remove();
        this.items.delete(id);
      }
    }
    for (const id of state.order) {
      const turn = state.turns.get(id);
      if (!turn) continue;
      const item = this.items.get(id);
      if (!item) {
        const created = new TurnElement(turn);
        this.items.set(id, created);
        this.content.append(created.element);
        if (turn.answer.status === 'streaming') {
          this.follow.restart(); // a new question: show its answer
          this.announce(`Asking ${turn.alias}…`);
        }
      } else if (item.turn !== turn) {
        this.announceEnd(item.turn, turn);
        item.update(turn);
      }
    }
    // Before setup the setup block says what to do; the "ask anything" hint would only compete.
    this.empty.hidden = state.order.length > 0 || !state.view.configured;
  }

  /** The live region reads the finished answer once, not every streamed chunk. */
  private announceEnd(before: TurnView, after: TurnView): void {
    if (before.answer.status !== 'streaming' || after.answer.status === 'streaming') return;
    const a = after.answer;
    const what = a.status === 'ok' ? 'Answer complete' : a.status === 'cancelled' ? 'Stopped' : a.card ? a.card.title : 'Answer ended';
    this.announce(`${what}. ${a.status === 'ok' ? a.text.slice(0, 2000) : ''}`);
  }
}
