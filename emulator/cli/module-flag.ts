/**
 * `--terraform DIR`: the Terraform module whose stack a command brings up (`npm start`, `serve`, `curl`,
 * `attack`): every function URL and distribution it declares. Without it, this project's own
 * `terraform/` and its defaults (its function from source, reloaded on a change).
 *
 * @example
 *   npm start -- --terraform test/fixtures/modules/two-functions
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { type LoadConfigOptions, loadStackConfig } from "../config/load.js";
import { OWN_MODULE_DIR } from "../config/module-defaults.js";
import type { StackConfig } from "../config/types.js";
import { exitWithUsageError, UsageError } from "./command-line.js";

export const TERRAFORM_FLAG = {
  type: "string",
  value: "DIR",
  help: "the Terraform module to run: its function URLs and distributions (default: this project's terraform/)",
} as const;

export interface LoadedModule {
  config: StackConfig;
  /** The module's folder, absolute. */
  dir: string;
  /** True for this project's own module (its defaults: the chatbot's function, run from source). */
  own: boolean;
}

/** The folder `--terraform` names, checked; throws a UsageError naming what is wrong. */
export function moduleDir(flag: string | undefined): string {
  if (flag === undefined) return OWN_MODULE_DIR;
  const dir = path.resolve(flag);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UsageError(`--terraform ${flag}: no such folder`);
  }
  if (!readdirSync(dir).some((name) => name.endsWith(".tf"))) {
    throw new UsageError(`--terraform ${flag}: no .tf file in ${dir}`);
  }
  return dir;
}

/** The stack configuration of the module `--terraform` names (or this project's). */
export async function loadModule(
  flag: string | undefined,
  options: Omit<LoadConfigOptions, "terraform"> = {},
): Promise<LoadedModule> {
  const dir = moduleDir(flag);
  const config = await loadStackConfig({ ...options, terraform: { dir } });
  return { config, dir, own: dir === OWN_MODULE_DIR };
}

/** `loadModule` for a command line: a wrong `--terraform` folder ends the command with its usage error (exit 2). */
export async function loadModuleOrExit(
  command: { command: string },
  flag: string | undefined,
): Promise<LoadedModule> {
  try {
    return await loadModule(flag);
  } catch (error) {
    if (error instanceof UsageError) exitWithUsageError(command, error.message);
    throw error;
  }
}
