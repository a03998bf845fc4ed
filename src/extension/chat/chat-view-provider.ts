import * as vscode from 'vscode';
import { CallRecord, Orchestrator, StreamEvent } from '../../core/index';
import { AnswerSummary, EnvProvider, ToExtension, ToWebview, assertNever, parseToExtension } from '../../protocol/messages';
import { Disposable } from '../disposable';
import { ConfigController } from '../settings/config-controller';
import { promptWithAttachments } from './attachment-prompt';
import { chatHtml } from './chat-html';
import { AnswerAction, ChatOutcome, ChatSubmission, ChatSurface } from './chat-surface';
import { Conversation } from './conversation';
import { describeNotice } from './describe-notice';

export interface ChatViewDeps {
  extensionUri: vscode.Uri;
  config: ConfigController;
  orchestrator: () => Orchestrator | undefined;
  envProviders: () => EnvProvider[];
  configureFromEnv: (provider: EnvProvider) => Promise<void>;
  log: vscode.LogOutputChannel;
}

function summarize(record: CallRecord): AnswerSummary {
  const s: AnswerSummary = {
    status: record.status,
    inputTokens: record.usage.inputTokens,
    outputTokens: record.usage.outputTokens,
    estimated: record.usage.estimated,
    costUsd: record.costUsd,
    latencyMs: record.endedAt - record.startedAt,
  };
  if (record.deploymentId !== undefined) s.deploymentId = record.deploymentId;
  if (record.errorMessage !== undefined) s.errorMessage = record.errorMessage;
  return s;
}

function basename(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}

/** How long a command waits for the chat view to load before it answers without it. */
const READY_TIMEOUT_MS = 20_000;

function toOutcome(requestId: string, text: string, record: CallRecord): ChatOutcome {
  const message = record.errorMessage ?? 'The request failed.';
  switch (record.status) {
    case 'ok':
      return { status: 'ok', requestId, text };
    case 'cancelled':
      return { status: 'cancelled', requestId, text };
    case 'incomplete':
      return { status: 'incomplete', requestId, text, message };
    default:
      return { status: 'error', requestId, text, message };
  }
}

/** The sidebar chat: a webview view driving the orchestrator through the typed protocol. */
export class ChatViewProvider extends Disposable implements vscode.WebviewViewProvider, ChatSurface {
  static readonly viewId = 'switchboard.chat';
  private view: vscode.WebviewView | undefined;
  private resolvedAt: number | undefined;
  private readonly conversation = new Conversation();
  private readonly inFlight = new Map<string, AbortController>();
  /** Bumped by clear(): a request from an earlier conversation must not write into the new one. */
  private epoch = 0;
  /** Buttons under answers, by request id (commands' "Accept edit" / "Reject"). */
  private readonly actions = new Map<string, readonly AnswerAction[]>();
  /** Resolved when the current webview's script has said `ready`. */
  private ready: Promise<void>;
  private markReady: () => void = () => undefined;
  private counter = 0;

  constructor(private readonly deps: ChatViewDeps) {
    super();
    this.ready = this.newReady();
    this._register(deps.config.onDidChange(() => this.postState()));
    this._register({ dispose: () => this.stopAll() });
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.resolvedAt = Date.now();
    const { extensionUri } = this.deps;
    // dist/ also holds the extension's bundles: readable as resources, but never runnable here — the
    // CSP runs only the nonce'd dist/webview.js, and nothing in dist/ is secret (it ships in the .vsix).
    view.webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')] };
    view.webview.html = chatHtml(view.webview, extensionUri);
    const sub = view.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw));
    view.onDidDispose(() => {
      sub.dispose();
      this.stopAll();
      this.view = undefined;
      this.ready = this.newReady();
    });
  }

  private newReady(): Promise<void> {
    return new Promise<void>((resolve) => (this.markReady = resolve));
  }

  async submit(submission: ChatSubmission): Promise<ChatOutcome> {
    if (this.inFlight.size > 0) return { status: 'refused', message: 'Another request is still running in the chat. Wait for it to finish or press Stop, then run the command again.' };
    if (!this.deps.orchestrator()) return { status: 'refused', message: 'No provider is configured yet. Add one in settings (switchboard.providers), then set its key with "Switchboard: Set API Key".' };
    // Show the chat without taking the focus from the editor the command ran in.
    if (this.view) this.view.show(true);
    else {
      await vscode.commands.executeCommand(`${ChatViewProvider.viewId}.focus`);
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    }
    const shown = await Promise.race([this.ready.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), READY_TIMEOUT_MS))]);
    if (!shown) this.deps.log.warn('Chat view did not load in time; the command\'s answer is not shown in the chat.');
    this.counter += 1;
    const requestId = `c${Date.now().toString(36)}-${this.counter}`;
    const chips = submission.attachments.map((a) => ({ label: `${basename(a.path)}:${a.startLine}-${a.endLine}`, languageId: a.languageId, path: a.path }));
    this.post({ type: 'turn', requestId, display: submission.display ?? submission.prompt, chips });
    // A command's request carries only its own prompt and code: earlier chat turns would cost
    // tokens without helping. It still joins the conversation, so the user can follow up.
    return this.send(requestId, promptWithAttachments(submission.prompt, submission.attachments), submission.alias, submission.origin, 'fresh');
  }

  setAnswerActions(requestId: string, note: string, actions: readonly AnswerAction[]): void {
    this.actions.set(requestId, actions);
    this.post({ type: 'actions', requestId, note, labels: actions.map((a) => a.label) });
  }

  clear(): void {
    this.epoch += 1;
    this.stopAll();
    this.conversation.clear();
    this.actions.clear();
    this.post({ type: 'cleared' });
  }

  postState(): void {
    const state = this.deps.config.state;
    const problems = state.kind === 'invalid' ? state.problems : [];
    this.post({ type: 'state', alias: this.deps.config.activeAlias, configured: this.deps.config.usable !== undefined, problems, envProviders: this.deps.config.usable ? [] : this.deps.envProviders() });
  }

  private post(message: ToWebview): void {
    void this.view?.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    const parsed = parseToExtension(raw);
    if (!parsed.ok) {
      this.deps.log.warn(`Dropped a chat view message: ${parsed.reason}`);
      return;
    }
    this.handle(parsed.message);
  }

  private handle(msg: ToExtension): void {
    switch (msg.type) {
      case 'ready':
        // P7: how long the view took from being shown to running its script and asking for state.
        if (this.resolvedAt !== undefined) this.deps.log.info(`Chat view ready ${Date.now() - this.resolvedAt} ms after it was shown.`);
        this.resolvedAt = undefined;
        this.postState();
        this.markReady();
        return;
      case 'send':
        void this.send(msg.requestId, msg.text);
        return;
      case 'stop':
        this.inFlight.get(msg.requestId)?.abort();
        return;
      case 'clear':
        this.clear();
        return;
      case 'configureFromEnv':
        void this.deps.configureFromEnv(msg.provider);
        return;
      case 'runCommand':
        void vscode.commands.executeCommand(msg.command);
        return;
      case 'answerAction': {
        const action = this.actions.get(msg.requestId)?.[msg.index];
        if (action) void Promise.resolve(action.run()).catch((err: unknown) => this.deps.log.error(`Answer action "${action.label}" failed: ${err instanceof Error ? err.message : String(err)}`));
        return;
      }
      default:
        assertNever(msg);
    }
  }

  /** Streams one request into the view; `origin` is recorded on its CallRecord ("chat" or the command). */
  private async send(requestId: string, text: string, alias?: string, origin = 'chat', context: 'conversation' | 'fresh' = 'conversation'): Promise<ChatOutcome> {
    const orchestrator = this.deps.orchestrator();
    const empty: AnswerSummary = { status: 'error', inputTokens: 0, outputTokens: 0, estimated: false, costUsd: 0, latencyMs: 0 };
    const refuse = (errorMessage: string): ChatOutcome => {
      this.post({ type: 'end', requestId, summary: { ...empty, errorMessage } });
      return { status: 'error', requestId, text: '', message: errorMessage };
    };
    if (this.inFlight.has(requestId)) {
      // Not an `end` for this id: that would end the running request's answer in the view.
      this.deps.log.warn(`Chat view: ignored a second send with request id ${requestId} (already running).`);
      this.post({ type: 'notice', requestId, message: 'Ignored a duplicate send for this request (same request id); the answer below continues.' });
      return { status: 'refused', message: 'A request with this id is already running.' };
    }
    if (this.inFlight.size > 0) {
      // One conversation, one request at a time: a second answer would interleave with the first.
      return refuse('Another request is still running in this view. Wait for it to finish or press Stop, then send again.');
    }
    if (!orchestrator) {
      return refuse('No provider is configured yet. Add one in settings (switchboard.providers), then set its key with "Switchboard: Set API Key".');
    }
    const controller = new AbortController();
    const epoch = this.epoch;
    this.inFlight.set(requestId, controller);
    const messages = context === 'fresh' ? [{ role: 'user' as const, content: text }] : [...this.conversation.snapshot(), { role: 'user' as const, content: text }];
    this.conversation.add({ role: 'user', content: text });
    let answer = '';
    let outcome: ChatOutcome = { status: 'error', requestId, text: '', message: 'The answer ended without a result.' };
    try {
      const events: AsyncIterable<StreamEvent> = orchestrator.stream({ model: alias ?? this.deps.config.activeAlias, messages }, { signal: controller.signal, origin });
      for await (const ev of events) {
        switch (ev.type) {
          case 'text':
            answer += ev.text;
            this.post({ type: 'text', requestId, text: ev.text });
            break;
          case 'reasoning':
            this.post({ type: 'reasoning', requestId, text: ev.text });
            break;
          case 'attempt':
            this.post({ type: 'notice', requestId, message: describeNotice(ev.notice) });
            break;
          case 'tool-call':
            // The chat view runs no tools; say so instead of dropping the event silently.
            this.post({ type: 'toolCall', requestId, name: ev.name });
            break;
          case 'done':
          case 'error':
            this.post({ type: 'end', requestId, summary: summarize(ev.record) });
            outcome = toOutcome(requestId, answer, ev.record);
            break;
          default:
            assertNever(ev);
        }
      }
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.post({ type: 'end', requestId, summary: { ...empty, errorMessage: message } });
      outcome = { status: 'error', requestId, text: answer, message };
    } finally {
      this.inFlight.delete(requestId);
      // "New chat" during this request: its user turn and partial answer belong to the old conversation.
      if (epoch === this.epoch) {
        if (answer) this.conversation.add({ role: 'assistant', content: answer });
        else this.conversation.dropTrailingUser();
      }
    }
    return outcome;
  }

  private stopAll(): void {
    for (const c of this.inFlight.values()) c.abort();
    this.inFlight.clear();
  }
}
