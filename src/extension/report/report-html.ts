import * as vscode from 'vscode';
import { webviewPage } from '../pages/webview-page';

/** The cost report's page (the chat's webview shell and CSP). */
export function reportHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return webviewPage(webview, extensionUri, {
    title: 'Switchboard cost report',
    script: 'report.js',
    styles: ['media/report.css'],
    body: `<h2>Switchboard cost report</h2>
<main id="report" aria-live="polite"><p class="muted">Reading the ledger…</p></main>`,
  });
}
