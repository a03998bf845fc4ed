import { existsSync } from 'node:fs';
import * as path from 'node:path';

/**
 * `../shared/fixtures/wire` relative to the repository root, or undefined when
 * the folder is absent (tests then skip with a message naming it).
 */
export function wireFixturesDir(): string | undefined {
  const dir = wireFixturesPath();
  return existsSync(dir) ? dir : undefined;
}

/** Where the fixtures are expected, whether or not they exist. */
export function wireFixturesPath(): string {
  // This file lives in <repo>/test/support/fake-provider/.
  return path.resolve(__dirname, '../../../../shared/fixtures/wire');
}
