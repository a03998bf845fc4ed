import { ToWebview, parseToWebview } from '../protocol/messages';
import { byId } from './dom';
import { codeActionOf } from './render/code-blocks';
import { Composer } from './render/composer';
import { HeaderView } from './render/header-view';
import { HistoryView } from './render/history-view';
import { renderSetup } from './render/setup-view';
import { TranscriptView } from './render/transcript-view';
import { ChatState, INITIAL_STATE, chatReducer, lastPrompt } from './state/chat-state';
import { post } from './vscode-api';

/**
 * The chat view's entry: messages from the extension go through the reducer
 * into the view model; each view renders from it. User actions go back to the
 * extension as protocol messages; nothing here acts on its own.
 */
let state: ChatState = INITIAL_STATE;

const live = byId<HTMLDivElement>('live');
const transcript = new TranscriptView(byId('transcript'), byId('empty'), (text) => {
  live.textContent = text;
});
const composer = new Composer(() => lastPrompt(state));
const header = new HeaderView();
const history = new HistoryView(() => composer.focus());

function render(): void {
  renderSetup(state.view);
  header.render(state.view);
  composer.render(state.view);
  history.render(state.conversations, state.conversationId);
  transcript.render(state);
}

function handle(msg: ToWebview): void {
  state = chatReducer(state, msg);
  render();
  if (msg.type === 'focusPrompt') composer.focus();
}

// Buttons under answers, code-block buttons and links, by delegation (answers re-render).
byId('transcript').addEventListener('click', (e) => {
  const target = e.target as Element;
  const requestId = target.closest<HTMLElement>('[data-request-id]')?.dataset.requestId;
  const code = codeActionOf(target);
  if (code && requestId) {
    post({ type: 'codeAction', requestId, ...code });
    return;
  }
  const action = target.closest<HTMLButtonElement>('button[data-action-id]');
  if (action?.dataset.actionId && requestId) {
    post({ type: 'action', requestId, actionId: action.dataset.actionId });
    return;
  }
  const link = target.closest<HTMLElement>('.md-link');
  if (link?.dataset.href) {
    e.preventDefault();
    post({ type: 'openLink', href: link.dataset.href });
  }
});
byId('transcript').addEventListener('keydown', (e) => {
  const link = (e.target as Element).closest<HTMLElement>('.md-link');
  if (link?.dataset.href && (e.key === 'Enter' || e.key === ' ')) {
    e.preventDefault();
    post({ type: 'openLink', href: link.dataset.href });
  }
});

/** Error cards count down to the end of the cooldown. */
function tickCountdowns(): void {
  for (const node of Array.from(document.querySelectorAll<HTMLElement>('.card-countdown[data-retry-at]'))) {
    const left = Math.ceil((Number(node.dataset.retryAt) - Date.now()) / 1000);
    node.textContent = left > 0 ? `Available again in ${left} s` : 'Available again now';
  }
}
setInterval(tickCountdowns, 1000);

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = parseToWebview(event.data);
  if (parsed.ok) handle(parsed.message);
});

render();
composer.focus();
post({ type: 'ready' });
