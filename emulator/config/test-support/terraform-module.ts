/**
 * Shared by the `terraform-overlay-*.test.ts` files: the overlay loaded over the default config, and
 * edited copies of the real `terraform/` module that are removed after each test.
 */

import { afterEach } from "vitest";
import { copyModule, type ModuleEdit } from "../../../terraform/test/test-support/module-fixture.js";
import { defaultConfig } from "../defaults.js";
import { loadTerraformConfig } from "../terraform-overlay.js";
import type { StackConfig } from "../types.js";

/** The stack config the module at `dir` (and `tfvarsFile`, if given) makes of the defaults. */
export async function load(dir: string, tfvarsFile?: string): Promise<StackConfig> {
  return loadTerraformConfig({ dir, base: defaultConfig(), ...(tfvarsFile ? { tfvarsFile } : {}) });
}

/**
 * Registers an `afterEach` that removes the copies, and returns the function that makes one:
 * `const fixture = moduleFixtures();` at the top of the file, then `await fixture([edits])` in a test.
 */
export function moduleFixtures(): (edits: ModuleEdit[]) => Promise<string> {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  return async (edits) => {
    const copy = await copyModule(edits);
    cleanups.push(copy.remove);
    return copy.dir;
  };
}
