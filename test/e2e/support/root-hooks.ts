/**
 * Mocha root hook plugin for the e2e suite (`--require test/e2e/support/root-hooks.ts`):
 * whatever a test left running (code-server, Chromium) is stopped at the end.
 */
import { stopAll } from './processes';

export const mochaHooks = {
  async afterAll(): Promise<void> {
    await stopAll();
  },
};
