import * as vscode from 'vscode';
import { webviewPage } from '../pages/webview-page';

/** The chat view's page (the shared webview shell and CSP; S3, S4). */
export function chatHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return webviewPage(webview, extensionUri, {
    title: 'Switchboard',
    script: 'webview.js',
    styles: ['dist/codicons/codicon.css', 'media/chat.css'],
    body: `<header class="view-header">
<label for="alias-picker" class="alias-label">Alias</label>
<select id="alias-picker" title="The alias this chat asks (also in the status bar)"></select>
<span class="spacer"></span>
<button id="history-toggle" type="button" class="icon-button" aria-expanded="false" aria-controls="history" title="Conversation history"><span class="codicon codicon-history" aria-hidden="true"></span><span class="label">History</span></button>
</header>
<div id="history" class="history-panel" role="region" aria-label="Conversation history" hidden></div>
<div id="setup" hidden></div>
<main id="transcript" aria-label="Conversation" tabindex="-1">
<div id="empty" class="empty"><p class="empty-title">Ask anything about your code.</p><p class="muted">Enter sends, Shift+Enter starts a new line, Escape stops, ↑ recalls your last prompt. Attach the selection or the current file below.</p></div>
</main>
<div id="live" class="visually-hidden" role="status" aria-live="polite"></div>
<footer class="composer">
<div id="composer-chips" class="chips" aria-label="Attachments" hidden></div>
<textarea id="prompt" rows="3" placeholder="Ask Switchboard… (Enter to send, Shift+Enter for a new line)" aria-label="Prompt"></textarea>
<div class="composer-bar">
<button id="attach-selection" type="button" class="icon-button" title="Attach the editor's selection"><span class="codicon codicon-selection" aria-hidden="true"></span><span class="label">Selection</span></button>
<button id="attach-file" type="button" class="icon-button" title="Attach the current file"><span class="codicon codicon-file-add" aria-hidden="true"></span><span class="label">File</span></button>
<span class="spacer"></span>
<button id="stop" type="button" class="secondary" hidden disabled title="Stop the answer (Escape)"><span class="codicon codicon-debug-stop" aria-hidden="true"></span><span class="label">Stop</span></button>
<button id="send" type="button" class="primary" title="Send (Enter)"><span class="codicon codicon-send" aria-hidden="true"></span><span class="label">Send</span></button>
</div>
</footer>`,
  });
}
