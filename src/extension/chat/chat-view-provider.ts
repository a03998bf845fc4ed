import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { Orchestrator } from '../../core/index';
import type { Chip } from '../../protocol/chat-model';
import { EnvProvider, ToExtension, ToWebview, assertNever, parseToExtension } from '../../protocol/messages';
import { saveActiveAlias } from '../commands/select-alias';
import { Disposable } from '../disposable';
import type { EditProposer } from '../edits/edit-proposer';
import { ConfigController } from '../settings/config-controller';
import { attachmentFromActiveEditor, chipOf, promptWithAttachments } from './attachments';
import { chatHtml } from './chat-html';
import { ChatHistory, HistoryStore, StoredConversation, StoredTurn } from './chat-history';
import type { AnswerAction, Attachment, ChatOutcome, ChatSubmission, ChatSurface } from './chat-surface';
import { runCommandAction } from './card-action';
import { openLinkFromAnswer, runCodeAction } from './code-actions';
import { contextFor, runTurn } from './run-turn';

export interface ChatViewDeps {
  extensionUri: vscode.Uri;
  config: ConfigController;
  orchestrator: () => Orchestrator | undefined;
  envProviders: () => EnvProvider[];
  configureFromEnv: (provider: EnvProvider) => Promise<void>;
  /** Where conversations are kept: the workspace's Memento (survives reloads and restarts). */
  historyStore: HistoryStore;
  editProposer: () => EditProposer;
  log: vscode.LogOutputChannel;
}

/** What a turn is made of before it runs (composer, command, or a retry). */
interface TurnInput {
  display: string;
  sent: string;
  chips: Chip[];
  alias: string;
  origin: string;
}

const READY_TIMEOUT_MS = 20_000;

/**
 * The sidebar chat: a webview view rebuilt from the stored history on every
 * reveal, driving the orchestrator through the typed protocol. Implements the
 * ChatSurface the selection commands use.
 */
export class ChatViewProvider extends Disposable implements vscode.WebviewViewProvider, ChatSurface {
  static readonly viewId = 'switchboard.chat';
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private readyWaiters: Array<() => void> = [];
  private resolvedAt: number | undefined;
  private readonly history: ChatHistory;
  /** The one running request (one at a time across conversations) and its conversation. */
  private running: { requestId: string; controller: AbortController; conversation: StoredConversation } | undefined;
  private pending: Attachment[] = [];
  /** Buttons commands put under their answers (callbacks cannot be stored: they live as long as the window). */
  private readonly surfaceActions = new Map<string, readonly AnswerAction[]>();
  private canAddProvider: boolean | undefined;

  constructor(private readonly deps: ChatViewDeps) {
    super();
    this.history = new ChatHistory(deps.historyStore, Date.now, () => randomUUID());
    this._register(deps.config.onDidChange(() => this.postState()));
    this._register({ dispose: () => this.running?.controller.abort() });
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    this.resolvedAt = Date.now();
    const { extensionUri } = this.deps;
    // dist/ also holds the extension's bundles: readable as resources, but never runnable here — the
    // CSP runs only the nonce'd dist/webview.js, and nothing in dist/ is secret (it ships in the .vsix).
    view.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')] };
    view.webview.html = chatHtml(view.webview, extensionUri);
    const sub = view.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw));
    view.onDidDispose(() => {
      sub.dispose();
      if (this.view === view) {
        this.view = undefined;
        this.ready = false;
      }
    });
  }

  // ChatSurface ------------------------------------------------------------

  async submit(submission: ChatSubmission): Promise<ChatOutcome> {
    if (!(await this.reveal())) return { status: 'refused', message: 'The Switchboard chat view did not open. Open it from the activity bar and try again.' };
    const alias = submission.alias ?? this.deps.config.activeAlias;
    const input: TurnInput = {
      display: submission.display ?? submission.prompt,
      sent: promptWithAttachments(submission.prompt, submission.attachments),
      chips: submission.attachments.map((a) => chipOf(a, this.deps.config.usable, alias)),
      alias,
      origin: submission.origin,
    };
    return this.start(input);
  }

  setAnswerActions(requestId: string, note: string, actions: readonly AnswerAction[]): void {
    this.surfaceActions.set(requestId, actions);
    const buttons = actions.map((a, i) => ({ id: `x${i}`, label: a.label }));
    const found = this.history.findTurn(requestId);
    if (found) found.turn.answer.extra = { note, actions: buttons };
    this.post({ type: 'answerActions', requestId, note, actions: buttons });
  }

  // Commands ------------------------------------------------------------------

  /** New chat: stops a running answer (kept, marked stopped, in its conversation) and shows an empty one. */
  newChat(): void {
    this.running?.controller.abort();
    this.show(this.history.startNew());
    this.post({ type: 'focusPrompt' });
  }

  private async reveal(): Promise<boolean> {
    if (this.view && this.ready) {
      this.view.show(true);
      return true;
    }
    const ready = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS);
      this.readyWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    await vscode.commands.executeCommand(`${ChatViewProvider.viewId}.focus`);
    const shown = await ready;
    // Opening the view focused it; a command on the selection leaves the user in their editor.
    if (shown) await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    return shown;
  }

  // Webview messages ------------------------------------------------------------

  private post(message: ToWebview): void {
    if (this.view && this.ready) void this.view.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    const parsed = parseToExtension(raw);
    if (!parsed.ok) {
      this.deps.log.warn(`Dropped a chat view message: ${parsed.reason}`);
      return;
    }
    this.handle(parsed.message).catch((err: unknown) => {
      this.deps.log.error(`Chat view: ${parsed.message.type} failed: ${err instanceof Error ? err.message : String(err)}`);
      void vscode.window.showErrorMessage(`Switchboard: ${err instanceof Error ? err.message : String(err)}`);
    });
  }

  private async handle(msg: ToExtension): Promise<void> {
    switch (msg.type) {
      case 'ready':
        // P7: how long the view took from being shown to running its script and asking for state.
        if (this.resolvedAt !== undefined) this.deps.log.info(`Chat view ready ${Date.now() - this.resolvedAt} ms after it was shown.`);
        this.resolvedAt = undefined;
        this.ready = true;
        await this.postState();
        this.show(this.history.current);
        for (const w of this.readyWaiters.splice(0)) w();
        return;
      case 'send': {
        const alias = this.deps.config.activeAlias;
        const attachments = this.pending;
        this.pending = [];
        const outcome = await this.start({ display: msg.text, sent: promptWithAttachments(msg.text, attachments), chips: attachments.map((a) => chipOf(a, this.deps.config.usable, alias)), alias, origin: 'chat' }, msg.requestId);
        if (outcome.status === 'refused') {
          this.pending = attachments;
          void vscode.window.showWarningMessage(`Switchboard: ${outcome.message}`);
          await this.postState();
        }
        return;
      }
      case 'stop':
        if (this.running?.requestId === msg.requestId) this.running.controller.abort();
        return;
      case 'newChat':
        this.newChat();
        return;
      case 'openConversation': {
        const c = this.history.open(msg.id);
        if (c) this.show(c);
        return;
      }
      case 'deleteConversation':
        if (this.running?.conversation.id === msg.id) this.running.controller.abort();
        this.history.delete(msg.id);
        this.show(this.history.current);
        return;
      case 'clearHistory': {
        const choice = await vscode.window.showWarningMessage('Delete every Switchboard conversation of this workspace?', { modal: true }, 'Delete All');
        if (choice !== 'Delete All') return;
        this.running?.controller.abort();
        this.history.clear();
        this.show(this.history.current);
        return;
      }
      case 'setAlias':
        if (this.deps.config.aliasNames.includes(msg.alias)) await saveActiveAlias(msg.alias);
        else this.deps.log.warn(`Chat view: ignored unknown alias "${msg.alias.slice(0, 80)}".`);
        await this.postState();
        return;
      case 'attach': {
        const attachment = attachmentFromActiveEditor(msg.what);
        if (attachment) this.pending.push(attachment);
        await this.postState();
        return;
      }
      case 'removeChip':
        this.pending.splice(msg.index, 1);
        await this.postState();
        return;
      case 'action':
        await this.runAction(msg.requestId, msg.actionId);
        return;
      case 'codeAction':
        await runCodeAction(msg.action, msg.code, msg.language, this.deps.editProposer());
        return;
      case 'openLink':
        await openLinkFromAnswer(msg.href);
        return;
      case 'configureFromEnv':
        await this.deps.configureFromEnv(msg.provider);
        return;
      case 'runCommand':
        await vscode.commands.executeCommand(msg.command);
        return;
      default:
        assertNever(msg);
    }
  }

  async postState(): Promise<void> {
    if (!this.view || !this.ready) return;
    this.canAddProvider ??= (await vscode.commands.getCommands(true)).includes('switchboard.addProvider');
    const { config } = this.deps;
    const state = config.state;
    const alias = config.activeAlias;
    this.post({
      type: 'state',
      alias,
      aliases: config.aliasNames,
      configured: config.usable !== undefined,
      problems: state.kind === 'invalid' ? state.problems : [],
      envProviders: config.usable ? [] : this.deps.envProviders(),
      canAddProvider: this.canAddProvider,
      busy: this.running?.requestId ?? null,
      chips: this.pending.map((a) => chipOf(a, config.usable, alias)),
    });
  }

  private show(conversation: StoredConversation): void {
    this.post({ type: 'history', conversations: this.history.list(), activeId: conversation.id });
    this.post({ type: 'conversation', id: conversation.id, turns: conversation.turns.map(({ sent: _s, origin: _o, cardActions: _c, ...view }) => view) });
  }

  // Requests --------------------------------------------------------------------

  private async start(input: TurnInput, requestId: string = `r${randomUUID().replace(/-/g, '').slice(0, 20)}`): Promise<ChatOutcome> {
    const orchestrator = this.deps.orchestrator();
    if (this.running) return { status: 'refused', message: 'Another answer is still streaming. Wait for it or press Stop (Escape), then send again.' };
    if (!orchestrator) return { status: 'refused', message: 'No provider is configured yet. Add one (Switchboard: Add Provider, or settings), then set its key.' };
    if (this.history.findTurn(requestId)) return { status: 'refused', message: 'Ignored a duplicate send (same request id).' };
    const conversation = this.history.current;
    const turn: StoredTurn = {
      requestId,
      prompt: input.display,
      chips: input.chips,
      alias: input.alias,
      answer: { status: 'streaming', text: '', reasoning: '', notices: [] },
      sent: input.sent,
      origin: input.origin,
    };
    const controller = new AbortController();
    this.running = { requestId, controller, conversation };
    this.history.addTurn(conversation, turn);
    const { sent: _s, origin: _o, ...view } = turn;
    this.post({ type: 'turn', conversationId: conversation.id, turn: structuredClone(view) });
    await this.postState();
    try {
      return await runTurn(turn, contextFor(conversation.turns, turn), controller.signal, {
        orchestrator,
        config: this.deps.config.usable,
        now: Date.now,
        // Only the shown conversation's view hears about it; the stored turn always does.
        post: (m) => {
          if (this.history.current === conversation) this.post(m);
        },
      });
    } finally {
      this.running = undefined;
      this.history.touch(conversation);
      await this.postState();
    }
  }

  private async runAction(requestId: string, actionId: string): Promise<void> {
    const surface = this.surfaceActions.get(requestId);
    if (surface && actionId.startsWith('x')) {
      await surface[Number(actionId.slice(1))]?.run();
      return;
    }
    const found = this.history.findTurn(requestId);
    const action = found?.turn.cardActions?.[actionId];
    if (!found || !action) return;
    switch (action.kind) {
      case 'retry': {
        const { conversation, turn } = found;
        if (this.running) {
          void vscode.window.showWarningMessage('Switchboard: another answer is still streaming. Wait for it or press Stop, then retry.');
          return;
        }
        if (this.history.current !== conversation) this.history.open(conversation.id);
        // The failed turn gives way to its retry (at the end of the conversation).
        this.history.removeTurn(conversation, turn.requestId);
        this.show(conversation);
        await this.start({ display: turn.prompt, sent: turn.sent, chips: turn.chips, alias: action.alias ?? turn.alias, origin: turn.origin });
        return;
      }
      case 'newChat':
        this.newChat();
        return;
      default:
        await runCommandAction(action);
    }
  }
}
