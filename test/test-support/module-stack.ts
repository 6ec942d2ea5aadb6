/**
 * The fixture module test/fixtures/modules/two-functions, run as `npm start -- --terraform DIR` runs it:
 * its packages built by its own build.mjs into a temporary folder (named to Terraform by the
 * `package_dir` variable, in a tfvars file), its configuration read from its Terraform, ports set to 0.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO_ROOT } from "../../emulator/config/defaults.js";
import { stackFunctions } from "../../emulator/config/functions.js";
import { loadStackConfig } from "../../emulator/config/load.js";
import type { StackConfig } from "../../emulator/config/types.js";
import type { ContainerRuntime } from "../../emulator/function-url/containers/execution-environment.js";
import { buildPackages } from "../fixtures/modules/two-functions/build.mjs";

export const TWO_FUNCTIONS = path.join(REPO_ROOT, "test/fixtures/modules/two-functions");

export interface BuiltModule {
  /** A tfvars file naming the folder the packages were built into. */
  tfvarsFile: string;
  remove(): void;
}

/** Builds the fixture's packages into a fresh folder; `entry` renames the file inside the zips (built wrong). */
export function buildFixtureModule(options: { entry?: string } = {}): BuiltModule {
  const dir = mkdtempSync(path.join(os.tmpdir(), "two-functions-"));
  buildPackages(path.join(dir, "dist"), options);
  const tfvarsFile = path.join(dir, "test.tfvars");
  writeFileSync(tfvarsFile, `package_dir = ${JSON.stringify(path.join(dir, "dist"))}\n`);
  return { tfvarsFile, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The module's stack configuration, read as `--terraform` reads it (the caller's environment left out),
 * with ephemeral ports, a fresh state folder, every write delivered at once, and every function under
 * `runtime`.
 */
export async function moduleTestConfig(built: BuiltModule, runtime: ContainerRuntime): Promise<StackConfig> {
  const config = await loadStackConfig({
    env: {},
    terraform: { dir: TWO_FUNCTIONS, tfvarsFile: built.tfvarsFile },
  });
  for (const part of [config.cognito, config.gemini, config.ssm, config.functionUrl, config.cloudfront]) {
    part.port = 0;
  }
  config.playground.port = 0;
  config.stateDir = mkdtempSync(path.join(os.tmpdir(), "two-functions-state-"));
  for (const fn of stackFunctions(config)) {
    fn.containerRuntime = runtime;
    fn.delivery.mode = "immediate";
  }
  return config;
}
