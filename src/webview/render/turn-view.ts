import type { ActionButton, AnswerView, Chip, ErrorCard, RouteInfo, TurnView } from '../../protocol/chat-model';
import { el } from '../dom';
import { StreamingMarkdown } from '../markdown/streaming-markdown';
import { decorateCodeBlocks } from './code-blocks';
import { attemptLine, routeLabel } from './route-label';

/** `name.ts:3-9`, or `name.ts:4` for one line — the chip text the commands' e2e tests look for. */
export function chipText(c: Chip): string {
  const base = c.path.split(/[\\/]/).pop() ?? c.path;
  return c.startLine === c.endLine ? `${base}:${c.startLine}` : `${base}:${c.startLine}-${c.endLine}`;
}

export function chipElement(c: Chip): HTMLSpanElement {
  const chip = el('span', 'chip');
  chip.dataset.testid = 'chip';
  const icon = el('span', `codicon codicon-${c.kind === 'file' ? 'file' : 'selection'}`);
  icon.setAttribute('aria-hidden', 'true');
  chip.append(icon, el('span', 'chip-name', chipText(c)), el('span', 'chip-lang', c.languageId));
  chip.title = c.startLine === c.endLine ? `${c.path}, line ${c.startLine}` : `${c.path}, lines ${c.startLine}-${c.endLine}`;
  return chip;
}

function buttons(actions: readonly ActionButton[], className: string): HTMLDivElement {
  const row = el('div', className);
  for (const a of actions) {
    // Plain buttons with the label as their text: the commands' e2e tests click them by label.
    const b = el('button', 'answer-action', a.label);
    b.type = 'button';
    b.dataset.actionId = a.id;
    row.append(b);
  }
  return row;
}

function cardElement(card: ErrorCard): HTMLDivElement {
  const box = el('div', `card card-${card.kind === 'incomplete' ? 'incomplete' : 'error'}`);
  box.setAttribute('role', 'alert');
  const head = el('div', 'card-title');
  const icon = el('span', `codicon codicon-${card.kind === 'incomplete' ? 'warning' : 'error'}`);
  icon.setAttribute('aria-hidden', 'true');
  head.append(icon, el('span', undefined, card.title));
  box.append(head, el('div', 'card-message', card.message));
  if (card.retryAt !== undefined) {
    const countdown = el('div', 'card-countdown');
    countdown.dataset.retryAt = String(card.retryAt);
    box.append(countdown);
  }
  box.append(buttons(card.actions, 'card-actions'));
  return box;
}

function routeElement(route: RouteInfo): HTMLDetailsElement {
  const details = el('details', 'route');
  const summary = el('summary', 'route-label', routeLabel(route));
  summary.dataset.testid = 'route';
  details.append(summary);
  const list = el('ol', 'attempts');
  route.attempts.forEach((a, i) => list.append(el('li', `attempt attempt-${a.outcome}`, attemptLine(a, i))));
  details.append(list);
  return details;
}

/** One request in the transcript: the user's turn and the answer, updated in place as the model changes. */
export class TurnElement {
  readonly element = el('section', 'turn');
  private readonly answer = el('div', 'message assistant');
  private readonly notices = el('div', 'notices');
  private readonly markdown = new StreamingMarkdown(decorateCodeBlocks);
  private readonly footer = el('div', 'answer-footer');
  private reasoning: { details: HTMLDetailsElement; text: Text } | undefined;
  private shown: TurnView;

  constructor(turn: TurnView) {
    this.shown = turn;
    this.element.dataset.requestId = turn.requestId;
    const user = el('div', 'message user');
    user.dataset.testid = 'user-turn';
    if (turn.chips.length) {
      const chips = el('div', 'chips');
      for (const c of turn.chips) chips.append(chipElement(c));
      user.append(chips);
    }
    user.append(el('div', 'user-text', turn.prompt));
    this.answer.dataset.testid = 'answer';
    this.answer.dataset.requestId = turn.requestId;
    this.answer.setAttribute('aria-label', `Answer from ${turn.alias}`);
    this.markdown.element.classList.add('answer-text');
    this.answer.append(el('div', 'answer-head', turn.alias), this.notices, this.markdown.element, this.footer);
    this.element.append(user, this.answer);
    this.apply(turn.answer, undefined);
  }

  get turn(): TurnView {
    return this.shown;
  }

  update(turn: TurnView): void {
    const before = this.shown.answer;
    this.shown = turn;
    this.apply(turn.answer, before);
  }

  dispose(): void {
    this.markdown.dispose();
  }

  private apply(a: AnswerView, before: AnswerView | undefined): void {
    this.answer.dataset.status = a.status;
    this.answer.setAttribute('aria-busy', String(a.status === 'streaming'));
    if (a.notices !== before?.notices) this.notices.replaceChildren(...a.notices.map((n) => el('div', 'notice', n)));
    if (a.reasoning && a.reasoning !== before?.reasoning) this.showReasoning(a.reasoning, before?.reasoning ?? '');
    if (a.text !== before?.text || a.status !== before?.status) this.markdown.update(a.text, a.status !== 'streaming');
    if (a.status !== before?.status || a.card !== before?.card || a.route !== before?.route || a.extra !== before?.extra) this.renderFooter(a);
  }

  private showReasoning(now: string, was: string): void {
    if (!this.reasoning) {
      const details = el('details', 'reasoning');
      const text = document.createTextNode('');
      const body = el('div', 'reasoning-text');
      body.append(text);
      details.append(el('summary', undefined, 'Reasoning'), body);
      this.answer.insertBefore(details, this.markdown.element);
      this.reasoning = { details, text };
    }
    // appendData: `textContent +=` would re-serialise the whole reasoning per chunk.
    if (now.startsWith(was) && this.reasoning.text.data === was) this.reasoning.text.appendData(now.slice(was.length));
    else this.reasoning.text.data = now;
  }

  private renderFooter(a: AnswerView): void {
    const parts: HTMLElement[] = [];
    if (a.status === 'streaming') {
      const typing = el('div', 'streaming-indicator', 'Answering…');
      parts.push(typing);
    }
    // Stopping is the user's own choice: a quiet note, not an error.
    if (a.status === 'cancelled') parts.push(el('div', 'stopped-note', a.text ? 'Stopped — the answer above is as far as it got.' : 'Stopped before any text arrived.'));
    if (a.card) parts.push(cardElement(a.card));
    if (a.extra) {
      if (a.extra.note) parts.push(el('div', 'extra-note', a.extra.note));
      parts.push(buttons(a.extra.actions, 'extra-actions'));
    }
    if (a.route) parts.push(routeElement(a.route));
    this.footer.replaceChildren(...parts);
  }
}
