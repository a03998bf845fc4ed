import * as path from 'node:path';
import * as vscode from 'vscode';
import { Orchestrator, createOrchestrator } from '../core/index';
import { ChatViewProvider } from './chat/chat-view-provider';
import { DiffProposer } from './edits/diff-proposer';
import { selectAlias } from './commands/select-alias';
import { clearResponseCache, exportLedger } from './commands/ledger-commands';
import { setApiKey } from './commands/set-api-key';
import { setTelemetryHeaders } from './commands/set-telemetry-headers';
import { ReportPanels } from './report/report-panel';
import { LedgerService } from './ledger/ledger-service';
import { SelectionCommands } from './selection/selection-commands';
import { formatRecordLine } from './log/record-log';
import { KeyStore } from './secrets/key-store';
import { ConfigController, ConfigState, SECTION } from './settings/config-controller';
import { configureFromEnv, envProvidersAvailable } from './settings/configure-from-env';
import { BudgetTooltip } from './status/budget-tooltip';
import { StatusBar } from './status/status-bar';
import { workspaceScope } from './ledger/workspace-scope';
import { HealthTree } from './health/health-tree';
import { SettingsLint } from './lint/settings-lint';
import { readUserSetup } from './setup/user-settings';
import { addProvider } from './setup/add-provider';
import { checkProviderKey, describeKeyCheck } from './setup/check-key';
import { checkKeys } from './setup/check-keys';
import { editProvider } from './setup/edit-provider';
import { removeProvider } from './setup/remove-provider';

/** Closes the ledger on shutdown; VS Code waits for deactivate's promise. */
let shutdown: (() => Promise<void>) | undefined;

/**
 * The composition root: the only place that wires VS Code services into the
 * core's ports and holds the orchestrator. Everything registered here is
 * disposed with the extension.
 */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Switchboard', { log: true });
  const config = new ConfigController();
  const keys = new KeyStore(context.secrets);
  const status = new StatusBar();
  context.subscriptions.push(log, config, keys, status);

  let orchestrator: Orchestrator | undefined;
  const logSink = { info: (m: string) => log.info(m), warn: (m: string) => log.warn(m), error: (m: string) => log.error(m) };
  const workspace = workspaceScope(vscode.workspace);
  // Opened on the first request or report, never during activation.
  const ledger = new LedgerService({ globalStorage: context.globalStorageUri, workspaceId: workspace, now: Date.now, secrets: keys.knownKeys });
  context.subscriptions.push(ledger);
  shutdown = async () => {
    await orchestrator?.flush().catch(() => undefined);
    await report.saveSnapshot().catch(() => undefined);
    await ledger.close();
  };
  // The response cache persists (when `switchboard.cache.persist` is on) in this workspace's storage.
  const cacheDir = context.storageUri?.scheme === 'file' ? path.join(context.storageUri.fsPath, 'response-cache') : undefined;
  const lint = new SettingsLint((secret) => keys.has(secret));
  const health = new HealthTree(config, () => orchestrator, () => lint.findings);
  context.subscriptions.push(lint, health, lint.onDidChange(() => health.schedule()));
  // Lint reads SecretStorage: after activation, never in its critical path.
  const relint = (): void => {
    const user = readUserSetup();
    void lint.refresh({ providers: user.providers, deployments: user.deployments, aliases: user.aliases }).catch((err: unknown) => log.warn(`Config lint failed: ${err instanceof Error ? err.message : String(err)}`));
  };
  context.subscriptions.push(keys.onDidChange(relint));
  const budgets = new BudgetTooltip(status, ledger, () => config.usable?.budgets, (m) => log.warn(m));
  context.subscriptions.push(budgets);

  // The problems last reported: any switchboard.* write (Select Alias too) re-applies, and must not repeat the popup.
  let reportedProblems = '';
  const apply = (state: ConfigState): void => {
    log.info(`Settings applied (${state.kind}).`);
    const usable = config.usable;
    if (!usable) {
      orchestrator?.dispose();
      orchestrator = undefined;
    } else if (!orchestrator) {
      orchestrator = createOrchestrator(usable, {
        keys: keys.resolve,
        knownSecrets: keys.knownKeys,
        telemetryHeaders: keys.otlpHeaders,
        version: String((context.extension.packageJSON as { version?: unknown }).version ?? ''),
        log: logSink,
        workspace,
        ledger: ledger.ledger,
        globalSpend: ledger.globalSpend,
        ...(cacheDir ? { cacheDir } : {}),
      });
      orchestrator.onRecord((record) => {
        log.info(formatRecordLine(record));
        status.add(record);
        budgets.refresh();
        health.onRecord(record);
        report.invalidate();
      });
    } else {
      orchestrator.updateConfig(usable);
    }
    status.setAlias(config.activeAlias, usable !== undefined);
    health.schedule();
    setTimeout(relint, 0);
    budgets.showLimits();
    const problemsKey = state.kind === 'invalid' ? JSON.stringify([...state.problems].sort()) : '';
    const problemsChanged = problemsKey !== reportedProblems;
    reportedProblems = problemsKey;
    if (state.kind === 'invalid' && problemsChanged) {
      const first = (state.problems[0] ?? '').replace(/\.$/, '');
      const more = state.problems.length > 1 ? ` (+${state.problems.length - 1} more in the Switchboard log)` : '';
      for (const p of state.problems) log.error(`Invalid setting: ${p}`);
      const fallback = state.lastGood ? ' Switchboard keeps using the last valid settings.' : '';
      void vscode.window.showErrorMessage(`Switchboard: ${first}${more}.${fallback}`, 'Open Settings').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.action.openSettingsJson');
      });
    } else if (state.kind === 'valid') {
      for (const w of state.warnings) log.warn(w);
    }
  };

  const setupDeps = { keys, orchestrator: () => orchestrator, log };
  /** After a key is saved: check it, and lift a 401 block when it works (the same key saved again would not). */
  const checkSavedKey = async (providerId: string | undefined): Promise<void> => {
    const provider = providerId === undefined ? undefined : config.usable?.providers[providerId];
    if (providerId === undefined || !provider) return;
    const check = await checkProviderKey(providerId, provider, keys);
    log.info(`Key check for "${providerId}": ${describeKeyCheck(check)}`);
    if (check.kind === 'ok') orchestrator?.clearKeyRejection(providerId);
    else if (check.kind === 'invalid' || check.kind === 'unreachable') void vscode.window.showWarningMessage(`Switchboard: the key for "${providerId}" was saved, but its check says: ${describeKeyCheck(check)}.`);
    health.schedule();
  };
  const healthView = vscode.window.createTreeView(HealthTree.viewId, { treeDataProvider: health, showCollapseAll: true });
  health.attach(healthView);
  context.subscriptions.push(healthView);

  const report = new ReportPanels({ extensionUri: context.extensionUri, ledger, budgets: () => config.usable?.budgets, log, state: context.workspaceState });
  context.subscriptions.push(report);

  const chat = new ChatViewProvider({
    extensionUri: context.extensionUri,
    config,
    orchestrator: () => orchestrator,
    envProviders: () => envProvidersAvailable(),
    configureFromEnv: (p) => configureFromEnv(p, keys),
    historyStore: context.workspaceState,
    editProposer: () => proposer,
    log,
  });
  // The one apply path: model-proposed edits open as diffs and are written only on Accept.
  const proposer = new DiffProposer();
  context.subscriptions.push(
    proposer,
    chat,
    vscode.window.registerWebviewViewProvider(ChatViewProvider.viewId, chat, { webviewOptions: { retainContextWhenHidden: true } }),
    config.onDidChange(apply),
    vscode.commands.registerCommand('switchboard.setApiKey', async (providerId?: string) => checkSavedKey(await setApiKey(config, keys, typeof providerId === 'string' ? providerId : undefined))),
    vscode.commands.registerCommand('switchboard.setTelemetryHeaders', () => setTelemetryHeaders(keys)),
    vscode.commands.registerCommand('switchboard.selectAlias', () => selectAlias(config, () => orchestrator, () => budgets.exceeded())),
    vscode.commands.registerCommand('switchboard.addProvider', () => addProvider(setupDeps)),
    vscode.commands.registerCommand('switchboard.editProvider', (id?: unknown) => editProvider(setupDeps, typeof id === 'string' ? id : undefined)),
    vscode.commands.registerCommand('switchboard.removeProvider', (id?: unknown) => removeProvider(setupDeps, typeof id === 'string' ? id : undefined)),
    vscode.commands.registerCommand('switchboard.checkKeys', () => checkKeys(config, setupDeps)),
    vscode.commands.registerCommand('switchboard.showHealth', () => vscode.commands.executeCommand(`${HealthTree.viewId}.focus`)),
    vscode.commands.registerCommand('switchboard.resetCooldown', (node?: { id?: unknown }) => {
      if (typeof node?.id === 'string' && orchestrator?.resetCooldown(node.id)) log.info(`Cooldown of "${node.id}" reset by the user.`);
      health.refreshNow();
    }),
    vscode.commands.registerCommand('switchboard.pauseDeployment', (node?: { id?: unknown }) => {
      if (typeof node?.id === 'string' && orchestrator?.setPaused(node.id, true)) log.info(`Deployment "${node.id}" paused by the user.`);
      health.refreshNow();
    }),
    vscode.commands.registerCommand('switchboard.resumeDeployment', (node?: { id?: unknown }) => {
      if (typeof node?.id === 'string' && orchestrator?.setPaused(node.id, false)) log.info(`Deployment "${node.id}" resumed by the user.`);
      health.refreshNow();
    }),
    vscode.commands.registerCommand('switchboard.openSettings', () => vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${context.extension.id}`)),
    vscode.commands.registerCommand('switchboard.showLog', () => log.show()),
    vscode.commands.registerCommand('switchboard.newChat', () => chat.newChat()),
    vscode.commands.registerCommand('switchboard.showSpending', () => report.show()),
    vscode.commands.registerCommand('switchboard.exportLedgerCsv', () => exportLedger(ledger, 'csv', context.globalState)),
    vscode.commands.registerCommand('switchboard.exportLedgerJson', () => exportLedger(ledger, 'json', context.globalState)),
    vscode.commands.registerCommand('switchboard.clearCache', () => clearResponseCache(orchestrator)),
    new SelectionCommands({ chat, proposer, config: () => config.usable, log }),
    { dispose: () => orchestrator?.dispose() },
  );
  apply(config.state);
  log.info(`Switchboard ${String(context.extension.packageJSON.version)} activated (${config.state.kind} configuration, section "${SECTION}").`);
}

export function deactivate(): Promise<void> | undefined {
  // Everything else is owned by context.subscriptions; the ledger's close is awaited here.
  const close = shutdown;
  shutdown = undefined;
  return close?.();
}
