/** The report's handle to its host, typed to the report protocol. */
import type { FromReport } from '../../protocol/report-messages';

interface VsCodeApi {
  postMessage(message: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function post(message: FromReport): void {
  api.postMessage(message);
}
