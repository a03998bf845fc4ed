import assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

/**
 * The layer rules of architecture.md are enforced by lint; this proves the
 * rules fire (a lint config that silently stopped matching would pass every file).
 */
const root = path.resolve(__dirname, '..', '..', '..');

async function ruleHits(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint: layer import rules', function () {
  this.timeout(30_000);

  it('core never imports vscode, not even as a type', async () => {
    assert.equal((await ruleHits('src/core/probe.ts', "import type * as vscode from 'vscode';\nexport type X = vscode.Uri;\n")).length, 1);
  });

  it('the extension imports the core only through src/core/index.ts', async () => {
    const hits = await ruleHits('src/extension/probe.ts', "import { SwitchboardError } from '../core/model/switchboard-error';\nimport { createOrchestrator } from '../core/index';\nexport const x = [SwitchboardError, createOrchestrator];\n");
    assert.equal(hits.length, 1);
    assert.match(hits[0] ?? '', /only through src\/core\/index\.ts/);
  });

  it('the webview imports neither Node modules nor the core', async () => {
    const hits = await ruleHits('src/webview/probe.ts', "import * as fs from 'node:fs';\nimport { createOrchestrator } from '../core/index';\nimport { parseToWebview } from '../protocol/messages';\nexport const x = [fs, createOrchestrator, parseToWebview];\n");
    assert.equal(hits.length, 2, hits.join('\n'));
  });
});
