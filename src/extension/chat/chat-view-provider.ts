import * as vscode from 'vscode';
import { CallRecord, Orchestrator, StreamEvent } from '../../core/index';
import { AnswerSummary, EnvProvider, ToExtension, ToWebview, assertNever, parseToExtension } from '../../protocol/messages';
import { Disposable } from '../disposable';
import { ConfigController } from '../settings/config-controller';
import { chatHtml } from './chat-html';
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

/** The sidebar chat: a webview view driving the orchestrator through the typed protocol. */
export class ChatViewProvider extends Disposable implements vscode.WebviewViewProvider {
  static readonly viewId = 'switchboard.chat';
  private view: vscode.WebviewView | undefined;
  private resolvedAt: number | undefined;
  private readonly conversation = new Conversation();
  private readonly inFlight = new Map<string, AbortController>();
  /** Bumped by clear(): a request from an earlier conversation must not write into the new one. */
  private epoch = 0;

  constructor(private readonly deps: ChatViewDeps) {
    super();
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
    });
  }

  clear(): void {
    this.epoch += 1;
    this.stopAll();
    this.conversation.clear();
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
      default:
        assertNever(msg);
    }
  }

  private async send(requestId: string, text: string): Promise<void> {
    const orchestrator = this.deps.orchestrator();
    const empty: AnswerSummary = { status: 'error', inputTokens: 0, outputTokens: 0, estimated: false, costUsd: 0, latencyMs: 0 };
    const refuse = (errorMessage: string): void => this.post({ type: 'end', requestId, summary: { ...empty, errorMessage } });
    if (this.inFlight.has(requestId)) {
      // Not an `end` for this id: that would end the running request's answer in the view.
      this.deps.log.warn(`Chat view: ignored a second send with request id ${requestId} (already running).`);
      this.post({ type: 'notice', requestId, message: 'Ignored a duplicate send for this request (same request id); the answer below continues.' });
      return;
    }
    if (this.inFlight.size > 0) {
      // One conversation, one request at a time: a second answer would interleave with the first.
      refuse('Another request is still running in this view. Wait for it to finish or press Stop, then send again.');
      return;
    }
    if (!orchestrator) {
      refuse('No provider is configured yet. Add one in settings (switchboard.providers), then set its key with "Switchboard: Set API Key".');
      return;
    }
    const controller = new AbortController();
    const epoch = this.epoch;
    this.inFlight.set(requestId, controller);
    this.conversation.add({ role: 'user', content: text });
    let answer = '';
    try {
      const events: AsyncIterable<StreamEvent> = orchestrator.stream({ model: this.deps.config.activeAlias, messages: this.conversation.snapshot() }, { signal: controller.signal, origin: 'chat' });
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
          case 'tool-call-start':
          case 'tool-call-delta':
          case 'tool-call-end':
            // The complete `tool-call` event that follows carries everything the view shows.
            break;
          case 'done':
          case 'error':
            this.post({ type: 'end', requestId, summary: summarize(ev.record) });
            break;
          default:
            assertNever(ev);
        }
      }
    } catch (err) {
      this.post({ type: 'end', requestId, summary: { ...empty, errorMessage: err instanceof Error ? err.message : String(err) } });
    } finally {
      this.inFlight.delete(requestId);
      // "New chat" during this request: its user turn and partial answer belong to the old conversation.
      if (epoch === this.epoch) {
        if (answer) this.conversation.add({ role: 'assistant', content: answer });
        else this.conversation.dropTrailingUser();
      }
    }
  }

  private stopAll(): void {
    for (const c of this.inFlight.values()) c.abort();
    this.inFlight.clear();
  }
}
