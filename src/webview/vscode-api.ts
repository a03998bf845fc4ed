/** The webview's handle to its host, typed to the shared protocol. */
import type { ToExtension } from '../protocol/messages';

interface VsCodeApi {
  postMessage(message: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function post(message: ToExtension): void {
  api.postMessage(message);
}
