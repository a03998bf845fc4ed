import assert from 'node:assert/strict';
import { NO_FOLDER_SCOPE, workspaceScope } from '../../../src/extension/ledger/workspace-scope';

const uri = (s: string, scheme = 'file'): { scheme: string; toString(): string } => ({ scheme, toString: () => s });

describe('extension/workspaceScope: which ledger a window writes to', () => {
  it('a saved multi-root workspace is its .code-workspace file, not its first folder', () => {
    assert.equal(workspaceScope({ workspaceFile: uri('file:///w/team.code-workspace'), workspaceFolders: [{ uri: uri('file:///w/a') }] }), 'file:///w/team.code-workspace');
  });
  it('an untitled multi-root workspace falls back to its first folder', () => {
    assert.equal(workspaceScope({ workspaceFile: uri('untitled:Untitled-1', 'untitled'), workspaceFolders: [{ uri: uri('file:///w/a') }] }), 'file:///w/a');
  });
  it('a folder is its folder; no folder is the shared no-folder scope', () => {
    assert.equal(workspaceScope({ workspaceFolders: [{ uri: uri('file:///w/a') }] }), 'file:///w/a');
    assert.equal(workspaceScope({}), NO_FOLDER_SCOPE);
  });
});
