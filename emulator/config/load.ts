import { readFile } from "node:fs/promises";
import path from "node:path";
import { isRecord } from "../common/is-record.js";
import { defaultConfig, PORT_ENV } from "./defaults.js";
import { type Environment, emulatorEnvironment } from "./environment.js";
import { ConfigError } from "./errors.js";
import { stackFunctions } from "./functions.js";
import { followPlayground } from "./local-origins.js";
import { OWN_MODULE_DIR, otherModuleDefaults } from "./module-defaults.js";
import { checkSettings, readSetting, type SettingName } from "./settings.js";
import type { FunctionConfig, StackConfig } from "./types.js";
import { checkStackConfig } from "./validate.js";

export { ConfigError };

export interface LoadConfigOptions {
  /**
   * Defaults to `process.env` over the repository's `.env` file (the process's variables win, as
   * docker-compose reads `.env`); given explicitly, it is used as it is.
   */
  env?: Environment;
  /** The `.env` file read under `process.env` when `env` is not given; `false` reads none. */
  dotEnv?: string | false;
  /** A JSON file whose values overlay the defaults; defaults to `$EMULATOR_CONFIG` when set. */
  file?: string;
  /**
   * Overlay the settings the Terraform module describes (the deployment is the source of truth).
   * `false` keeps the built-in defaults only, which unit tests of single services use.
   */
  terraform?: false | { dir: string; tfvarsFile?: string };
}

type PlainObject = Record<string, unknown>;

/** Recursive overlay: objects merge, everything else (arrays included) replaces. */
export function overlay<T>(base: T, patch: unknown): T {
  if (!isRecord(base) || !isRecord(patch)) return (patch === undefined ? base : patch) as T;
  const out: PlainObject = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (key === "__proto__" || key === "constructor" || key === "prototype") continue;
    out[key] = isRecord(out[key]) && isRecord(value) ? overlay(out[key], value) : value;
  }
  return out as T;
}

/**
 * Environment overrides: ports by their pinned names, one host for every service, the stub's key, and the
 * Function URL's settings (config/settings.ts reads each variable and refuses a bad value by name).
 */
export function applyEnv(config: StackConfig, env: Environment): StackConfig {
  const next = structuredClone(config);
  const setting = <K extends SettingName>(name: K) => readSetting(name, env);
  const host = setting("STACK_HOST");
  if (host) {
    for (const part of [
      next.cognito,
      next.gemini,
      next.functionUrl,
      next.cloudfront,
      next.ssm,
      next.playground,
    ]) {
      part.host = host;
    }
  }
  for (const [part, name] of Object.entries(PORT_ENV) as [keyof typeof PORT_ENV, SettingName][]) {
    const port = readSetting(name, env);
    if (typeof port === "number") next[part].port = port;
  }
  next.gemini.apiKey = setting("GEMINI_STUB_API_KEY") ?? next.gemini.apiKey;
  next.gemini.retiredModels = setting("GEMINI_STUB_RETIRED_MODELS") ?? next.gemini.retiredModels;
  next.stateDir = setting("EMULATOR_STATE_DIR") ?? next.stateDir;
  next.functionUrl.useBundle = setting("HANDLER_USE_BUNDLE") ?? next.functionUrl.useBundle;
  // The Function URL settings of the environment apply to every function of the module.
  for (const fn of stackFunctions(next)) applyFunctionEnv(fn, next.playground.port, setting);
  return next;
}

/** The environment's Function URL settings (delivery, runtime, key source, log level) on one function. */
function applyFunctionEnv(
  fn: FunctionConfig,
  playgroundPort: number,
  setting: <K extends SettingName>(name: K) => ReturnType<typeof readSetting<K>>,
): void {
  if (fn.cors) fn.cors = followPlayground(fn.cors, playgroundPort);
  const { delivery } = fn;
  delivery.mode = setting("FUNCTION_URL_DELIVERY") ?? delivery.mode;
  delivery.thresholdBytes = setting("FUNCTION_URL_DELIVERY_THRESHOLD_BYTES") ?? delivery.thresholdBytes;
  const maxHoldMs = setting("FUNCTION_URL_DELIVERY_MAX_HOLD_MS");
  if (maxHoldMs !== undefined) delivery.maxHoldMs = maxHoldMs;
  fn.containerRuntime = setting("FUNCTION_RUNTIME") ?? fn.containerRuntime;
  // Only a function that has a key source (this project's) takes the shortcut's setting.
  if (fn.apiKeySource) fn.apiKeySource = setting("FUNCTION_API_KEY_SOURCE") ?? fn.apiKeySource;
  // The application log level, as Terraform's `application_log_level` would set it: levels need the JSON
  // format (Lambda's advanced logging controls). The shortcut to the handler's debug lines: its own
  // LOG_LEVEL=debug alone is overridden by the application level, locally as deployed.
  const applicationLogLevel = setting("FUNCTION_LOG_LEVEL");
  if (applicationLogLevel) fn.logging = { ...fn.logging, logFormat: "JSON", applicationLogLevel };
}

async function readConfigFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new ConfigError(`cannot read config file ${file}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`config file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (!isRecord(value)) throw new ConfigError(`config file ${file} must hold a JSON object`);
  // `$schema` points editors at stack-config.schema.json; it is not a setting.
  const { $schema: _schema, ...settings } = value;
  return settings;
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
  const env = options.env ?? emulatorEnvironment(options.dotEnv);
  // Every variable of the stack, checked before anything is read: a bad value is refused by name at start.
  checkSettings(env, "stack");
  const terraform = options.terraform ?? { dir: OWN_MODULE_DIR };
  // Another module than this project's starts from defaults that hold nothing of this project's function.
  let config =
    terraform && path.resolve(terraform.dir) !== OWN_MODULE_DIR ? otherModuleDefaults() : defaultConfig();
  if (terraform) {
    // Loaded only when used: the HCL parser is not needed for the defaults alone.
    const { loadTerraformConfig } = await import("./terraform-overlay.js");
    config = await loadTerraformConfig({
      dir: terraform.dir,
      base: config,
      tfvarsFile: terraform.tfvarsFile,
      cache: readSetting("EMULATOR_TERRAFORM_CACHE", env),
    });
  }
  const file = options.file ?? readSetting("EMULATOR_CONFIG", env);
  if (file) {
    const resolved = path.resolve(file);
    config = checkStackConfig(overlay(config, await readConfigFile(resolved)), `config file ${resolved}`);
  }
  return applyEnv(config, env);
}
