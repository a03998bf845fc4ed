// One cold activation, in a fresh process (plain Node, no tsx hooks): installs a
// stub `vscode` module, patches every network entry point to count calls, then
// times require('dist/extension.js') and activate(fakeContext). Prints one JSON
// line. Used by bench/activation.bench.ts; argv[2] = "empty" | "configured",
// argv[3] = the bundle to load (default dist/extension.js).
'use strict';
const Module = require('node:module');
const path = require('node:path');
const fs = require('node:fs');
const os = require('node:os');
const { performance, monitorEventLoopDelay } = require('node:perf_hooks');

const variant = process.argv[2] === 'configured' ? 'configured' : 'empty';
const root = path.resolve(__dirname, '../..');

// --- network tripwires ----------------------------------------------------------------------
const network = [];
function trip(name, orig) {
  return function (...args) {
    network.push({ api: name, target: String(args[0] && (args[0].href || args[0].host || args[0].hostname || args[0].url || args[0])).slice(0, 120) });
    return orig.apply(this, args);
  };
}
for (const modName of ['http', 'https']) {
  const m = require(modName);
  m.request = trip(`${modName}.request`, m.request);
  m.get = trip(`${modName}.get`, m.get);
}
const net = require('node:net');
net.connect = trip('net.connect', net.connect);
net.createConnection = trip('net.createConnection', net.createConnection);
net.Socket.prototype.connect = trip('net.Socket#connect', net.Socket.prototype.connect);
const tls = require('node:tls');
tls.connect = trip('tls.connect', tls.connect);
const dns = require('node:dns');
dns.lookup = trip('dns.lookup', dns.lookup);
dns.promises.lookup = trip('dns.promises.lookup', dns.promises.lookup);
if (typeof globalThis.fetch === 'function') globalThis.fetch = trip('fetch', globalThis.fetch);

// --- a generous stub of the vscode API --------------------------------------------------------
const unknownApis = new Set();
const disposable = () => ({ dispose() {} });
class Disposable {
  constructor(fn) { this._fn = fn; }
  dispose() { if (this._fn) this._fn(); this._fn = undefined; }
  static from(...ds) { return new Disposable(() => ds.forEach((d) => d && d.dispose && d.dispose())); }
}
class EventEmitter {
  constructor() {
    this.listeners = new Set();
    this.event = (listener, thisArg, bucket) => {
      const l = thisArg ? listener.bind(thisArg) : listener;
      this.listeners.add(l);
      const d = new Disposable(() => this.listeners.delete(l));
      if (Array.isArray(bucket)) bucket.push(d);
      return d;
    };
  }
  fire(e) { for (const l of [...this.listeners]) l(e); }
  dispose() { this.listeners.clear(); }
}
const noEvent = () => disposable();
class Uri {
  constructor(scheme, p) { this.scheme = scheme; this.path = p; this.authority = ''; this.query = ''; this.fragment = ''; }
  get fsPath() { return this.path; }
  toString() { return `${this.scheme}://${this.path}`; }
  toJSON() { return { scheme: this.scheme, path: this.path }; }
  with(change) { return new Uri(change.scheme || this.scheme, change.path || this.path); }
  static file(p) { return new Uri('file', p); }
  static parse(s) { const m = /^([a-z][\w+.-]*):\/\/(.*)$/i.exec(s); return m ? new Uri(m[1], m[2]) : new Uri('file', s); }
  static joinPath(base, ...parts) { return new Uri(base.scheme, path.posix.join(base.path, ...parts)); }
  static from(c) { return new Uri(c.scheme, c.path || '/'); }
}
class CodeActionKind {
  constructor(value) { this.value = value; }
  append(part) { return new CodeActionKind(`${this.value}.${part}`); }
}
class ThemeColor { constructor(id) { this.id = id; } }
class ThemeIcon { constructor(id, color) { this.id = id; this.color = color; } }
class MarkdownString {
  constructor(v = '', supportThemeIcons) { this.value = v; this.supportThemeIcons = supportThemeIcons; this.isTrusted = false; }
  appendMarkdown(s) { this.value += s; return this; }
  appendText(s) { this.value += s; return this; }
  appendCodeblock(s) { this.value += '\n```\n' + s + '\n```\n'; return this; }
}
class CancellationTokenSource {
  constructor() { this.token = { isCancellationRequested: false, onCancellationRequested: noEvent }; }
  cancel() { this.token.isCancellationRequested = true; }
  dispose() {}
}

const settings = variant === 'configured'
  ? {
      providers: { oa: { kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', apiKeySecret: 'oa' } },
      deployments: [{ id: 'mini', provider: 'oa', model: 'gpt-4o-mini-2024-07-18' }],
      aliases: { fast: { deployments: ['mini'] } },
      activeAlias: 'fast',
    }
  : {};
function configuration(section) {
  const get = (key, def) => {
    const full = section && section !== 'switchboard' ? undefined : settings[key];
    return full === undefined ? def : JSON.parse(JSON.stringify(full));
  };
  return {
    get,
    has: (key) => settings[key] !== undefined,
    inspect: (key) => ({ key, globalValue: get(key) }),
    update: () => Promise.resolve(),
  };
}
function channel(name) {
  const lines = [];
  const put = (level) => (m) => lines.push(`[${level}] ${m}`);
  return {
    name, lines, logLevel: 2, onDidChangeLogLevel: noEvent,
    trace: put('trace'), debug: put('debug'), info: put('info'), warn: put('warn'), error: (m) => lines.push(`[error] ${m instanceof Error ? m.message : m}`),
    append: put('raw'), appendLine: put('raw'), replace() {}, clear() {}, show() {}, hide() {}, dispose() {},
  };
}
const channels = [];
const errorsShown = [];
const fsApi = {
  stat: async (u) => { const s = await fs.promises.stat(u.fsPath); return { type: s.isDirectory() ? 2 : 1, size: s.size, ctime: s.ctimeMs, mtime: s.mtimeMs }; },
  readFile: async (u) => new Uint8Array(await fs.promises.readFile(u.fsPath)),
  writeFile: async (u, data) => fs.promises.writeFile(u.fsPath, data),
  createDirectory: async (u) => { await fs.promises.mkdir(u.fsPath, { recursive: true }); },
  delete: async (u) => fs.promises.rm(u.fsPath, { recursive: true, force: true }),
  readDirectory: async (u) => (await fs.promises.readdir(u.fsPath, { withFileTypes: true })).map((d) => [d.name, d.isDirectory() ? 2 : 1]),
  rename: async (a, b) => fs.promises.rename(a.fsPath, b.fsPath),
  copy: async (a, b) => fs.promises.copyFile(a.fsPath, b.fsPath),
};
/** Namespace objects answer unknown members with a no-op function (and remember the name). */
function generous(ns, name) {
  return new Proxy(ns, {
    get(target, prop) {
      if (prop in target || typeof prop === 'symbol' || prop === 'then') return target[prop];
      unknownApis.add(`${name}.${String(prop)}`);
      return () => disposable();
    },
  });
}
const vscodeStub = generous({
  version: '1.95.0',
  Disposable, EventEmitter, Uri, ThemeColor, ThemeIcon, MarkdownString, CancellationTokenSource,
  StatusBarAlignment: { Left: 1, Right: 2 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  QuickPickItemKind: { Separator: -1, Default: 0 },
  ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  LogLevel: { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 },
  ExtensionMode: { Production: 1, Development: 2, Test: 3 },
  UIKind: { Desktop: 1, Web: 2 },
  FileType: { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 },
  window: generous({
    createOutputChannel: (name) => { const c = channel(name); channels.push(c); return c; },
    createStatusBarItem: () => ({ text: '', tooltip: '', command: undefined, name: '', backgroundColor: undefined, show() {}, hide() {}, dispose() {} }),
    registerWebviewViewProvider: () => disposable(),
    createTreeView: () => ({ visible: false, onDidChangeVisibility: noEvent, dispose() {} }),
    showErrorMessage: (m) => { errorsShown.push(m); return Promise.resolve(undefined); },
    showWarningMessage: () => Promise.resolve(undefined),
    showInformationMessage: () => Promise.resolve(undefined),
    showQuickPick: () => Promise.resolve(undefined),
    showInputBox: () => Promise.resolve(undefined),
    showSaveDialog: () => Promise.resolve(undefined),
    showTextDocument: () => Promise.resolve(undefined),
    withProgress: (_o, task) => task({ report() {} }, new CancellationTokenSource().token),
    onDidChangeActiveTextEditor: noEvent,
    onDidChangeWindowState: noEvent,
    activeTextEditor: undefined,
    state: { focused: true },
    tabGroups: { onDidChangeTabs: noEvent, onDidChangeTabGroups: noEvent, all: [], activeTabGroup: { activeTab: undefined, tabs: [] }, close: () => Promise.resolve(true) },
  }, 'window'),
  workspace: generous({
    getConfiguration: configuration,
    onDidChangeConfiguration: noEvent,
    onDidGrantWorkspaceTrust: noEvent,
    onDidChangeWorkspaceFolders: noEvent,
    workspaceFolders: [{ uri: Uri.file(path.join(os.tmpdir(), 'sb-activation-ws')), name: 'ws', index: 0 }],
    isTrusted: true,
    fs: fsApi,
    openTextDocument: () => Promise.resolve({}),
    textDocuments: [],
  }, 'workspace'),
  languages: generous({
    createDiagnosticCollection: () => ({ set() {}, delete() {}, clear() {}, dispose() {} }),
    registerCodeActionsProvider: () => disposable(),
  }, 'languages'),
  CodeActionKind: { QuickFix: new CodeActionKind('quickfix') },
  commands: generous({
    registerCommand: () => disposable(),
    executeCommand: () => Promise.resolve(undefined),
    getCommands: () => Promise.resolve([]),
  }, 'commands'),
  env: generous({ machineId: 'bench', sessionId: 'bench', appName: 'Visual Studio Code', language: 'en', uiKind: 1, remoteName: undefined, clipboard: { writeText: () => Promise.resolve(), readText: () => Promise.resolve('') }, openExternal: () => Promise.resolve(true) }, 'env'),
  extensions: generous({ getExtension: () => undefined, all: [] }, 'extensions'),
}, 'vscode');

const STUB_PATH = path.join(root, 'node_modules', '__vscode_stub__.js');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? STUB_PATH : resolve.call(this, request, ...rest);
};
const stubModule = new Module(STUB_PATH);
stubModule.filename = STUB_PATH;
stubModule.loaded = true;
stubModule.exports = vscodeStub;
require.cache[STUB_PATH] = stubModule;

// --- fake ExtensionContext --------------------------------------------------------------------
const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-activation-'));
const memento = () => { const m = new Map(); return { get: (k, d) => (m.has(k) ? m.get(k) : d), update: async (k, v) => { m.set(k, v); }, keys: () => [...m.keys()], setKeysForSync() {} }; };
const secretsChanged = new EventEmitter();
const packageJSON = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const extensionUri = Uri.file(root);
const context = {
  subscriptions: [],
  extensionUri,
  extensionPath: root,
  globalStorageUri: Uri.file(path.join(storage, 'global')),
  storageUri: Uri.file(path.join(storage, 'workspace')),
  logUri: Uri.file(path.join(storage, 'log')),
  globalStoragePath: path.join(storage, 'global'),
  storagePath: path.join(storage, 'workspace'),
  logPath: path.join(storage, 'log'),
  extensionMode: 1,
  workspaceState: memento(),
  globalState: memento(),
  environmentVariableCollection: { replace() {}, append() {}, prepend() {}, get() {}, forEach() {}, delete() {}, clear() {} },
  secrets: {
    get: () => Promise.resolve(undefined),
    store: () => Promise.resolve(),
    delete: () => Promise.resolve(),
    keys: () => Promise.resolve([]),
    onDidChange: secretsChanged.event,
  },
  extension: { id: `${packageJSON.publisher}.${packageJSON.name}`, extensionUri, extensionPath: root, isActive: true, packageJSON, extensionKind: 2, exports: undefined, activate: () => Promise.resolve() },
  asAbsolutePath: (p) => path.join(root, p),
};

// --- measure ----------------------------------------------------------------------------------
async function main() {
  const entry = process.argv[3] ? path.resolve(process.argv[3]) : path.join(root, 'dist', 'extension.js');
  const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const c0 = cpuMs();
  const t0 = performance.now();
  const ext = require(entry);
  const t1 = performance.now();
  const c1 = cpuMs();
  const networkAfterRequire = network.length;
  // Longest event-loop block from activate() through the 300 ms settle (background work it started).
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const result = ext.activate(context);
  const t2 = performance.now();
  const c2 = cpuMs();
  const activateReturnedPromise = !!result && typeof result.then === 'function';
  if (activateReturnedPromise) await result;
  const t3 = performance.now();
  const networkAfterActivate = network.length;
  // Anything activate() started in the background gets a moment to reach the network.
  await new Promise((r) => setTimeout(r, 300));
  const networkAfterSettle = network.length;
  loop.disable();
  for (const d of context.subscriptions) { try { d.dispose(); } catch { /* measuring only */ } }
  if (typeof ext.deactivate === 'function') await ext.deactivate();
  fs.rmSync(storage, { recursive: true, force: true });
  const logLines = channels.flatMap((c) => c.lines);
  process.stdout.write(JSON.stringify({
    variant,
    requireMs: t1 - t0,
    activateMs: t2 - t1,
    activateAwaitedMs: t3 - t1,
    activateLongestBlockMs: Math.max(t2 - t1, loop.max / 1e6),
    requireCpuMs: c1 - c0,
    activateSyncCpuMs: c2 - c1,
    activateReturnedPromise,
    networkDuringRequire: networkAfterRequire,
    networkDuringActivate: networkAfterActivate - networkAfterRequire,
    networkAfterSettle: networkAfterSettle - networkAfterActivate,
    networkCalls: network,
    subscriptions: context.subscriptions.length,
    errorsShown,
    unknownApis: [...unknownApis],
    activatedLine: logLines.find((l) => l.includes('activated')) || null,
    logErrors: logLines.filter((l) => l.startsWith('[error]')),
  }) + '\n');
}
main().catch((err) => {
  process.stdout.write(JSON.stringify({ variant, error: err && err.stack ? err.stack : String(err) }) + '\n');
  process.exit(1);
});
