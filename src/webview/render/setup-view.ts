import type { ViewState } from '../../protocol/messages';
import { button, byId, el } from '../dom';
import { post } from '../vscode-api';

/** Problems with the settings, and on an empty setup the ways to get started (Add Provider first). */
export function renderSetup(view: ViewState): void {
  const setup = byId<HTMLDivElement>('setup');
  const key = JSON.stringify([view.configured, view.problems, view.envProviders, view.canAddProvider]);
  if (setup.dataset.key === key) return;
  setup.dataset.key = key;
  setup.replaceChildren();
  setup.hidden = view.configured && view.problems.length === 0;
  for (const p of view.problems) setup.append(el('p', 'problem', p));
  if (view.configured) return;
  setup.append(el('h2', 'setup-heading', 'No provider is configured yet.'), el('p', undefined, 'Switchboard needs at least one model provider (OpenAI, Anthropic, Groq, a local Ollama...) before it can answer.'));
  const actions = el('div', 'setup-actions');
  if (view.canAddProvider) {
    const add = button('Add Provider', { icon: 'add', className: 'primary' });
    add.addEventListener('click', () => post({ type: 'runCommand', command: 'switchboard.addProvider' }));
    actions.append(add);
  }
  for (const provider of view.envProviders) {
    const b = button(`Use ${provider} (key found in the environment)`, { icon: 'key', className: view.canAddProvider ? 'secondary' : 'primary' });
    b.addEventListener('click', () => post({ type: 'configureFromEnv', provider }));
    actions.append(b);
  }
  const open = button('Open settings', { icon: 'settings-gear', className: 'link' });
  open.addEventListener('click', () => post({ type: 'runCommand', command: 'switchboard.openSettings' }));
  actions.append(open);
  setup.append(actions);
  setup.append(el('p', 'muted', 'Or by hand: add "switchboard.providers", "switchboard.deployments" and "switchboard.aliases" in Settings (JSON), then run "Switchboard: Set API Key".'));
}
