/** What identifies a window's workspace, as VS Code describes it (`vscode.workspace`). */
export interface WorkspaceShape {
  workspaceFile?: { scheme: string; toString(): string } | undefined;
  workspaceFolders?: readonly { uri: { toString(): string } }[] | undefined;
}

/** The ledger scope of every window with no folder open: they share one (multi-writer safe) ledger. */
export const NO_FOLDER_SCOPE = 'no-folder';

/**
 * The ledger (and workspace budget) scope of a window: a saved multi-root
 * workspace is its `.code-workspace` file (not whichever folder is listed
 * first, which two workspaces can share); a single folder is that folder;
 * windows with no folder share `no-folder`, their spend outside any project.
 * Several windows on one scope append to one ledger safely (file lock) and
 * each sees the others' spend.
 */
export function workspaceScope(ws: WorkspaceShape): string {
  if (ws.workspaceFile && ws.workspaceFile.scheme !== 'untitled') return ws.workspaceFile.toString();
  return ws.workspaceFolders?.[0]?.uri.toString() ?? NO_FOLDER_SCOPE;
}
