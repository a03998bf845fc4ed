export { ensureToolchain, readToolchain, installScript, type Toolchain } from './toolchain';
export {
  QUIET_USER_SETTINGS,
  installExtension,
  startCodeServer,
  stopAll,
  type RunningServer,
  type StartOptions,
} from './code-server';
export {
  CHROMIUM_ARGS,
  findFrame,
  notifications,
  openWorkbench,
  outputChannelLogFile,
  runCommand,
  screenshot,
  statusBarText,
  type NotificationToast,
  type OpenOptions,
  type Workbench,
} from './browser';
export { artifactsDir, profilePaths, repoRoot, type ProfilePaths } from './paths';
export { runningCount } from './processes';
export { waitUntil } from './wait-until';
export { STATUS_ID, openSwitchboard, packagedVsix, type SessionOptions, type SwitchboardSession } from './switchboard-session';
export { acceptMultiPick, fillQuickInput, focusWorkbench, openUserSettingsJson, pickQuickItem, quickPickRows, runPaletteCommand, waitForQuickInput } from './quick-input';
export { fakeAliasSettings } from './fake-alias-settings';
