import { readFile } from "node:fs/promises";
import path from "node:path";
import { defaultConfig, PORT_ENV, REPO_ROOT } from "./defaults.js";
import type { StackConfig } from "./types.js";

export class ConfigError extends Error {
  override name = "ConfigError";
}

export interface LoadConfigOptions {
  /** Defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** A JSON file whose values overlay the defaults; defaults to `$EMULATOR_CONFIG` when set. */
  file?: string;
  /**
   * Overlay the settings the Terraform module describes (the deployment is the source of truth).
   * `false` keeps the built-in defaults only, which unit tests of single services use.
   */
  terraform?: false | { dir: string; tfvarsFile?: string };
}

type PlainObject = Record<string, unknown>;

function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Recursive overlay: objects merge, everything else (arrays included) replaces. */
export function overlay<T>(base: T, patch: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(patch)) return (patch === undefined ? base : patch) as T;
  const out: PlainObject = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (key === "__proto__" || key === "constructor" || key === "prototype") continue;
    out[key] = isPlainObject(out[key]) && isPlainObject(value) ? overlay(out[key], value) : value;
  }
  return out as T;
}

function parsePort(name: string, raw: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`${name} must be a port number between 0 and 65535, got "${raw}"`);
  }
  return port;
}

/** Environment overrides: ports by their pinned names, one host for every service, the stub key. */
export function applyEnv(config: StackConfig, env: NodeJS.ProcessEnv): StackConfig {
  const next = structuredClone(config);
  const host = env.STACK_HOST;
  if (host) {
    for (const part of [next.cognito, next.gemini, next.functionUrl, next.cloudfront, next.playground]) {
      part.host = host;
    }
  }
  for (const [part, name] of Object.entries(PORT_ENV) as [keyof typeof PORT_ENV, string][]) {
    const raw = env[name];
    if (raw !== undefined && raw !== "") next[part].port = parsePort(name, raw);
  }
  if (env.GEMINI_STUB_API_KEY) next.gemini.apiKey = env.GEMINI_STUB_API_KEY;
  if (env.EMULATOR_STATE_DIR) next.stateDir = path.resolve(env.EMULATOR_STATE_DIR);
  if (env.HANDLER_USE_BUNDLE === "1" || env.HANDLER_USE_BUNDLE === "true") next.functionUrl.useBundle = true;
  if (env.GEMINI_SDK) next.functionUrl.environment.GEMINI_SDK = env.GEMINI_SDK;
  const runtime = env.FUNCTION_RUNTIME;
  if (runtime !== undefined && runtime !== "") {
    if (runtime !== "ric" && runtime !== "worker") {
      throw new ConfigError(`FUNCTION_RUNTIME must be "ric" or "worker", got "${runtime}"`);
    }
    next.functionUrl.containerRuntime = runtime;
  }
  return next;
}

async function readConfigFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new ConfigError(`cannot read config file ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`config file ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * The stack's configuration: defaults, then the Terraform module, then a config file, then the
 * environment — each later source wins.
 *
 * @example
 *   const config = await loadStackConfig();            // what `npm start` runs
 *   const config = await loadStackConfig({ terraform: false, env: {} }); // pinned defaults only
 */
export async function loadStackConfig(options: LoadConfigOptions = {}): Promise<StackConfig> {
  const env = options.env ?? process.env;
  let config = defaultConfig();
  const terraform = options.terraform ?? { dir: path.join(REPO_ROOT, "terraform") };
  if (terraform) {
    const { loadTerraformConfig } = await import("../terraform/index.js");
    config = await loadTerraformConfig({
      dir: terraform.dir,
      base: config,
      tfvarsFile: terraform.tfvarsFile,
    });
  }
  const file = options.file ?? env.EMULATOR_CONFIG;
  if (file) config = overlay(config, await readConfigFile(path.resolve(file)));
  return applyEnv(config, env);
}
