import * as vscode from 'vscode';
// The ESM build: the default UMD one requires its parts dynamically, which a bundle cannot follow.
import { Node, findNodeAtLocation, parseTree } from 'jsonc-parser/lib/esm/main.js';
import { createModelCatalog } from '../../core/index';
import { Disposable } from '../disposable';
import { LintFinding, lintSettings } from './lint-rules';

/** The user settings file (default profile or a named one), whatever the URI scheme. */
export function isUserSettings(uri: vscode.Uri): boolean {
  return /\/User\/(profiles\/[^/]+\/)?settings\.json$/.test(uri.path);
}

/** The quick fix a diagnostic offers: replace the string at `range` with one of `values`. */
interface Fix {
  range: vscode.Range;
  values: string[];
}

const SOURCE = 'Switchboard';

function valueOf(root: Node | undefined, key: string): unknown {
  const node = root ? findNodeAtLocation(root, [key]) : undefined;
  if (!node) return undefined;
  // Re-read through the tree so positions and values come from the same text.
  const read = (n: Node): unknown => {
    switch (n.type) {
      case 'object':
        return Object.fromEntries((n.children ?? []).map((p) => [String(p.children?.[0]?.value), p.children?.[1] ? read(p.children[1]) : undefined]));
      case 'array':
        return (n.children ?? []).map(read);
      default:
        return n.value as unknown;
    }
  };
  return read(node);
}

/**
 * Config lint as warnings on the user's settings.json (R20's softer cousin:
 * valid settings that will still hurt), with quick fixes where obvious, and the
 * same findings for the Health view. Runs on the document's own text, so
 * positions match what the user sees while typing.
 */
export class SettingsLint extends Disposable implements vscode.CodeActionProvider {
  private readonly diagnostics = this._register(vscode.languages.createDiagnosticCollection('switchboard'));
  private readonly fixes = new Map<string, Fix>();
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private readonly catalog = createModelCatalog();
  private latest: LintFinding[] = [];

  constructor(private readonly hasKey: (secretName: string) => Promise<boolean>) {
    super();
    this._register(vscode.workspace.onDidOpenTextDocument((d) => void this.lintDocument(d)));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => void this.lintDocument(e.document)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.diagnostics.delete(d.uri)));
    // A document the extension host already knew (opened before, kept alive) fires no open event when shown again.
    this._register(vscode.window.onDidChangeVisibleTextEditors((editors) => {
      for (const e of editors) void this.lintDocument(e.document);
    }));
    this._register(vscode.languages.registerCodeActionsProvider([{ language: 'jsonc' }, { language: 'json' }], this, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }));
  }

  private async secretsWithKeys(providers: Record<string, unknown>): Promise<ReadonlySet<string>> {
    const names = Object.values(providers).map((p) => (typeof p === 'object' && p !== null ? (p as { apiKeySecret?: unknown }).apiKeySecret : undefined)).filter((n): n is string => typeof n === 'string');
    const found = await Promise.all(names.map(async (n) => ((await this.hasKey(n)) ? n : undefined)));
    return new Set(found.filter((n): n is string => n !== undefined));
  }

  /** The last findings (from the open settings.json, else from the settings values). */
  get findings(): readonly LintFinding[] {
    return this.latest;
  }

  /** Lints the settings values (no document open) for the Health view; open documents re-lint too. */
  async refresh(values: { providers: Record<string, unknown>; deployments: unknown[]; aliases: Record<string, unknown> }): Promise<void> {
    this.latest = lintSettings({ ...values, secretsWithKeys: await this.secretsWithKeys(values.providers) }, this.catalog);
    this.changed.fire();
    for (const d of vscode.workspace.textDocuments) await this.lintDocument(d);
  }

  async lintDocument(doc: vscode.TextDocument): Promise<void> {
    if (!isUserSettings(doc.uri)) return;
    const text = doc.getText();
    const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
    const providers = valueOf(root, 'switchboard.providers');
    const deployments = valueOf(root, 'switchboard.deployments');
    const aliases = valueOf(root, 'switchboard.aliases');
    const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
    const providerMap = isObj(providers) ? providers : {};
    const findings = lintSettings(
      { providers: providerMap, deployments: Array.isArray(deployments) ? deployments : [], aliases: isObj(aliases) ? aliases : {}, secretsWithKeys: await this.secretsWithKeys(providerMap) },
      this.catalog,
    );
    if (doc.getText() !== text) return; // edited meanwhile: the newer run reports
    const uriKey = doc.uri.toString();
    for (const k of [...this.fixes.keys()]) if (k.startsWith(`${uriKey}#`)) this.fixes.delete(k);
    const diags: vscode.Diagnostic[] = [];
    for (const f of findings) {
      const node = root ? findNodeAtLocation(root, f.path) : undefined;
      if (!node) continue;
      // Objects are marked on their key (a whole alias block underlined would be noise).
      const target = node.type === 'object' && node.parent?.type === 'property' ? (node.parent.children?.[0] ?? node) : node;
      const range = new vscode.Range(doc.positionAt(target.offset), doc.positionAt(target.offset + target.length));
      const d = new vscode.Diagnostic(range, f.message, vscode.DiagnosticSeverity.Warning);
      d.source = SOURCE;
      d.code = f.code;
      diags.push(d);
      if (f.code === 'undated-model') this.fixes.set(`${uriKey}#${range.start.line}:${range.start.character}`, { range, values: f.datedIds });
    }
    this.diagnostics.set(doc.uri, diags);
    this.latest = findings;
    this.changed.fire();
  }

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== SOURCE || d.code !== 'undated-model') continue;
      const fix = this.fixes.get(`${doc.uri.toString()}#${d.range.start.line}:${d.range.start.character}`);
      if (!fix) continue;
      fix.values.forEach((value, i) => {
        const action = new vscode.CodeAction(`Pin to "${value}"`, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [d];
        action.isPreferred = i === 0;
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(doc.uri, fix.range, JSON.stringify(value));
        actions.push(action);
      });
    }
    return actions;
  }
}
