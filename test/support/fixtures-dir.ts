import * as fs from 'node:fs';
import * as path from 'node:path';

/** `../shared/fixtures` beside the repository root; absent in clones outside this workspace. */
export const SHARED_FIXTURES = path.resolve(__dirname, '..', '..', '..', 'shared', 'fixtures');
export const WIRE_DIR = path.join(SHARED_FIXTURES, 'wire');

export function sharedFixturesPresent(): boolean {
  return fs.existsSync(WIRE_DIR);
}

/**
 * Skips the calling suite with a visible reason when the shared fixtures are
 * absent. Call inside `describe` via `before(function () { skipWithoutFixtures(this); })`.
 */
export function skipWithoutFixtures(ctx: Mocha.Context): void {
  if (!sharedFixturesPresent()) {
    console.log(`      (skipped: shared fixtures folder not found at ${SHARED_FIXTURES})`);
    ctx.skip();
  }
}
