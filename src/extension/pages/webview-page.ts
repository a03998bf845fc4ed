import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export interface WebviewPage {
  title: string;
  /** The bundle under dist/ that runs the page (the only script the CSP allows). */
  script: string;
  /** Stylesheets, relative to the extension root (dist/ or media/). */
  styles: readonly string[];
  body: string;
}

/**
 * One page shell for every Switchboard webview, so they share one CSP: nothing
 * by default; scripts only with this render's crypto nonce; styles, images and
 * fonts only from the extension; no network (`connect-src 'none'`), forms,
 * frames or base URL; no inline script or style (S3, S4).
 */
export function webviewPage(webview: vscode.Webview, extensionUri: vscode.Uri, page: WebviewPage): string {
  const nonce = randomBytes(16).toString('base64');
  const uri = (rel: string): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...rel.split('/'))).toString();
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
  const links = page.styles.map((s) => `<link rel="stylesheet" href="${uri(s)}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${links}
<title>${page.title}</title>
</head>
<body>
${page.body}
<script nonce="${nonce}" src="${uri(`dist/${page.script}`)}"></script>
</body>
</html>`;
}
