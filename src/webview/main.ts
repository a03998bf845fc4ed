import { ChipView, ToWebview, assertNever, parseToWebview } from '../protocol/messages';
import { byId, el } from './dom';
import { formatSummary } from './format-summary';
import { post } from './vscode-api';

/**
 * The chat view: a transcript, a prompt box (Enter sends, Shift+Enter adds a
 * line) and a Stop button. Answers stream in as plain escaped text.
 */
const transcript = byId<HTMLDivElement>('transcript');
const prompt = byId<HTMLTextAreaElement>('prompt');
const sendButton = byId<HTMLButtonElement>('send');
const stopButton = byId<HTMLButtonElement>('stop');
const setup = byId<HTMLDivElement>('setup');
const aliasLabel = byId<HTMLSpanElement>('alias');

/**
 * The answer being streamed. Chunks go into Text nodes with `appendData`:
 * `textContent +=` re-serialises the whole answer per chunk (quadratic on long answers).
 */
let active: { id: string; answer: HTMLDivElement; text: Text; reasoning?: Text } | undefined;
let counter = 0;

function newRequestId(): string {
  counter += 1;
  return `r${Date.now().toString(36)}-${counter}`;
}

function setBusy(busy: boolean): void {
  sendButton.disabled = busy;
  stopButton.disabled = !busy;
  stopButton.hidden = !busy;
}

/** The user's turn (with its chips) and an empty answer that streams in; `data-testid`s are the e2e hooks. */
function startTurn(id: string, display: string, chips: readonly ChipView[]): void {
  const user = el('div', 'message user');
  if (chips.length > 0) {
    const row = el('div', 'chips');
    for (const c of chips) {
      const chip = el('span', 'chip', `${c.label} · ${c.languageId}`);
      chip.dataset.testid = 'chip';
      chip.title = c.path;
      row.append(chip);
    }
    user.append(row);
  }
  user.append(el('div', undefined, display));
  const answer = el('div', 'message assistant');
  answer.dataset.requestId = id;
  answer.dataset.testid = 'answer';
  answer.dataset.status = 'streaming';
  const body = el('div', 'answer-text');
  const bodyText = document.createTextNode('');
  body.append(bodyText);
  answer.append(body);
  transcript.append(user, answer);
  active = { id, answer, text: bodyText };
  setBusy(true);
  answer.scrollIntoView({ block: 'end' });
}

function send(): void {
  const text = prompt.value;
  if (text.trim() === '' || active) return;
  const id = newRequestId();
  startTurn(id, text, []);
  prompt.value = '';
  post({ type: 'send', requestId: id, text });
}

function showActions(msg: Extract<ToWebview, { type: 'actions' }>): void {
  const answer = Array.from(transcript.querySelectorAll<HTMLElement>('.message.assistant')).find((a) => a.dataset.requestId === msg.requestId);
  if (!answer) return;
  answer.querySelector('.answer-actions')?.remove();
  const box = el('div', 'answer-actions');
  if (msg.note) box.append(el('div', 'answer-note', msg.note));
  msg.labels.forEach((label, index) => {
    const b = el('button', undefined, label);
    b.addEventListener('click', () => post({ type: 'answerAction', requestId: msg.requestId, index }));
    box.append(b);
  });
  answer.append(box);
  box.scrollIntoView({ block: 'end' });
}

function renderSetup(msg: Extract<ToWebview, { type: 'state' }>): void {
  aliasLabel.textContent = msg.alias;
  setup.replaceChildren();
  setup.hidden = msg.configured && msg.problems.length === 0;
  for (const p of msg.problems) setup.append(el('p', 'problem', p));
  if (!msg.configured) {
    setup.append(
      el('p', undefined, 'No provider is configured yet. To add one:'),
      el('p', undefined, '1. Open Settings (JSON) and add "switchboard.providers", "switchboard.deployments" and "switchboard.aliases" (see the README).'),
      el('p', undefined, '2. Run "Switchboard: Set API Key" to store the provider\'s key in VS Code\'s secret storage.'),
    );
    const open = el('button', 'link', 'Open settings');
    open.addEventListener('click', () => post({ type: 'runCommand', command: 'switchboard.openSettings' }));
    setup.append(open);
    for (const provider of msg.envProviders) {
      const b = el('button', 'primary', `Use ${provider} (key found in the environment)`);
      b.addEventListener('click', () => post({ type: 'configureFromEnv', provider }));
      setup.append(b);
    }
  }
}

function handle(msg: ToWebview): void {
  switch (msg.type) {
    case 'state':
      renderSetup(msg);
      return;
    case 'text':
      if (active?.id === msg.requestId) active.text.appendData(msg.text);
      return;
    case 'reasoning':
      if (active?.id === msg.requestId) {
        if (!active.reasoning) {
          const box = el('div', 'reasoning-text');
          active.reasoning = document.createTextNode('');
          box.append(active.reasoning);
          const r = el('details', 'reasoning');
          r.append(el('summary', undefined, 'Reasoning'), box);
          active.answer.prepend(r);
        }
        active.reasoning.appendData(msg.text);
      }
      return;
    case 'notice':
      if (active?.id === msg.requestId) active.answer.append(el('div', 'notice', msg.message));
      return;
    case 'toolCall':
      // Text only (el sets textContent): a tool name from the model is never HTML.
      if (active?.id === msg.requestId) active.answer.append(el('div', 'tool-call', `Tool call: ${msg.name}`));
      return;
    case 'end': {
      if (active?.id !== msg.requestId) return;
      const s = msg.summary;
      active.answer.dataset.status = s.status;
      if (s.errorMessage) active.answer.append(el('div', `error status-${s.status}`, s.status === 'incomplete' ? `Answer incomplete: ${s.errorMessage}` : s.errorMessage));
      active.answer.append(el('div', 'summary', formatSummary(s)));
      active = undefined;
      setBusy(false);
      prompt.focus();
      return;
    }
    case 'cleared':
      transcript.replaceChildren();
      active = undefined;
      setBusy(false);
      return;
    case 'turn':
      startTurn(msg.requestId, msg.display, msg.chips);
      return;
    case 'actions':
      showActions(msg);
      return;
    default:
      assertNever(msg);
  }
}

prompt.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
    e.preventDefault();
    send();
  }
});
sendButton.addEventListener('click', send);
stopButton.addEventListener('click', () => {
  if (active) post({ type: 'stop', requestId: active.id });
});
byId<HTMLButtonElement>('clear').addEventListener('click', () => post({ type: 'clear' }));

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = parseToWebview(event.data);
  if (parsed.ok) handle(parsed.message);
});

setBusy(false);
post({ type: 'ready' });
