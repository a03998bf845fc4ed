import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/**
 * The chat view's page. CSP: nothing by default; scripts only with this
 * render's nonce, styles and images only from the extension, no network
 * (`connect-src 'none'`), no inline script or style (S3, S4).
 */
export function chatHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'chat.css'));
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    "connect-src 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>Switchboard</title>
</head>
<body>
<header><span>Alias: <strong id="alias">…</strong></span><button id="clear" class="link" title="Start a new conversation">New chat</button></header>
<div id="setup" hidden></div>
<div id="transcript" role="log" aria-live="polite"></div>
<footer>
<textarea id="prompt" rows="3" placeholder="Ask Switchboard… (Enter to send, Shift+Enter for a new line)" aria-label="Prompt"></textarea>
<div class="buttons"><button id="send">Send</button><button id="stop" hidden disabled>Stop</button></div>
</footer>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
