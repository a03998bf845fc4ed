import * as vscode from 'vscode';
import { parseOtlpHeaders } from '../../core/index';
import { KeyStore } from '../secrets/key-store';

/**
 * "Switchboard: Set Telemetry Headers": the OTLP collector's headers (say, a
 * hosted backend's API key) go to secret storage, never to settings.
 */
export async function setTelemetryHeaders(keys: KeyStore): Promise<void> {
  const text = await vscode.window.showInputBox({
    title: 'Switchboard: headers for the telemetry collector',
    prompt: 'name=value pairs separated by commas (e.g. x-honeycomb-team=KEY). Stored in secret storage, sent only to the switchboard.telemetry endpoint. Empty removes them.',
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => {
      const parsed = parseOtlpHeaders(v);
      return parsed.ok ? undefined : parsed.reason;
    },
  });
  if (text === undefined) return;
  const parsed = parseOtlpHeaders(text);
  if (!parsed.ok) return;
  await keys.saveOtlpHeaders(parsed.headers);
  const n = Object.keys(parsed.headers).length;
  void vscode.window.showInformationMessage(n === 0 ? 'Switchboard: telemetry headers removed.' : `Switchboard: ${n} telemetry header(s) saved.`);
}
