import type * as vscode from 'vscode';
import type { Orchestrator } from '../../core/index';
import type { KeyStore } from '../secrets/key-store';

/** What the provider commands need from the composition root. */
export interface SetupDeps {
  keys: KeyStore;
  orchestrator: () => Orchestrator | undefined;
  log: vscode.LogOutputChannel;
}
