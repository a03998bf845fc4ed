import * as path from 'node:path';

/** The repository root (this file lives in test/e2e/support/). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** Gitignored folder for screenshots and copied logs of e2e runs. */
export const artifactsDir = path.join(repoRoot, '.test-artifacts', 'e2e');

/** Layout of one throwaway code-server profile folder. */
export interface ProfilePaths {
  /** VS Code user-data-dir (`User/settings.json`, `logs/`, global storage). */
  userDataDir: string;
  extensionsDir: string;
  /** code-server's own YAML config; passed explicitly so ~/.config is never written. */
  configFile: string;
  /** stdout + stderr of the code-server process. */
  serverLog: string;
  /** XDG_DATA_HOME / XDG_CONFIG_HOME given to code-server, to keep it out of $HOME. */
  xdgDir: string;
}

export function profilePaths(profileDir: string): ProfilePaths {
  const root = path.resolve(profileDir);
  return {
    userDataDir: path.join(root, 'user-data'),
    extensionsDir: path.join(root, 'extensions'),
    configFile: path.join(root, 'code-server.yaml'),
    serverLog: path.join(root, 'code-server.log'),
    xdgDir: path.join(root, 'xdg'),
  };
}
