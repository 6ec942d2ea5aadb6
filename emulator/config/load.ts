import { readFile } from "node:fs/promises";
import path from "node:path";
import { isRecord } from "../shared/is-record.js";
import { defaultConfig, PORT_ENV, REPO_ROOT } from "./defaults.js";
import { readDotEnv } from "./dot-env.js";
import { ConfigError } from "./errors.js";
import { followPlayground } from "./local-origins.js";
import type { DeliveryConfig, StackConfig } from "./types.js";
import { checkStackConfig } from "./validate.js";

export { ConfigError };

export interface LoadConfigOptions {
  /**
   * Defaults to `process.env` over the repository's `.env` file (the process's variables win, as
   * docker-compose reads `.env`); given explicitly, it is used as it is.
   */
  env?: NodeJS.ProcessEnv;
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
  for (const [part, name] of Object.entries(PORT_ENV) as [keyof typeof PORT_ENV, string][]) {
    const raw = env[name];
    if (raw !== undefined && raw !== "") next[part].port = parsePort(name, raw);
  }
  if (env.GEMINI_STUB_API_KEY) next.gemini.apiKey = env.GEMINI_STUB_API_KEY;
  const retired = env.GEMINI_STUB_RETIRED_MODELS;
  if (retired !== undefined && retired !== "") {
    if (retired !== "not-found" && retired !== "routed") {
      throw new ConfigError(`GEMINI_STUB_RETIRED_MODELS must be "not-found" or "routed", got "${retired}"`);
    }
    next.gemini.retiredModels = retired;
  }
  if (env.EMULATOR_STATE_DIR) next.stateDir = path.resolve(env.EMULATOR_STATE_DIR);
  if (env.HANDLER_USE_BUNDLE === "1" || env.HANDLER_USE_BUNDLE === "true") next.functionUrl.useBundle = true;
  if (next.functionUrl.cors)
    next.functionUrl.cors = followPlayground(next.functionUrl.cors, next.playground.port);
  applyDeliveryEnv(next.functionUrl.delivery, env);
  const runtime = env.FUNCTION_RUNTIME;
  if (runtime !== undefined && runtime !== "") {
    if (runtime !== "ric" && runtime !== "worker") {
      throw new ConfigError(`FUNCTION_RUNTIME must be "ric" or "worker", got "${runtime}"`);
    }
    next.functionUrl.containerRuntime = runtime;
  }
  applyFunctionLogLevel(next.functionUrl, env.FUNCTION_LOG_LEVEL);
  const keySource = env.FUNCTION_API_KEY_SOURCE;
  if (keySource !== undefined && keySource !== "") {
    if (keySource !== "ssm" && keySource !== "environment") {
      throw new ConfigError(`FUNCTION_API_KEY_SOURCE must be "ssm" or "environment", got "${keySource}"`);
    }
    next.functionUrl.apiKeySource = keySource;
  }
  return next;
}

/** FUNCTION_URL_DELIVERY=immediate|lambda, with the `lambda` mode's threshold and optional max hold. */
function applyDeliveryEnv(delivery: DeliveryConfig, env: NodeJS.ProcessEnv): void {
  const mode = env.FUNCTION_URL_DELIVERY;
  if (mode !== undefined && mode !== "") {
    if (mode !== "immediate" && mode !== "lambda") {
      throw new ConfigError(`FUNCTION_URL_DELIVERY must be "immediate" or "lambda", got "${mode}"`);
    }
    delivery.mode = mode;
  }
  const threshold = env.FUNCTION_URL_DELIVERY_THRESHOLD_BYTES;
  if (threshold) delivery.thresholdBytes = parseCount("FUNCTION_URL_DELIVERY_THRESHOLD_BYTES", threshold, 1);
  const maxHold = env.FUNCTION_URL_DELIVERY_MAX_HOLD_MS;
  if (maxHold) delivery.maxHoldMs = parseCount("FUNCTION_URL_DELIVERY_MAX_HOLD_MS", maxHold, 0);
}

function parseCount(name: string, raw: string, min: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`${name} must be a whole number of at least ${min}, got "${raw}"`);
  }
  return value;
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
  const dotEnv = options.dotEnv ?? path.join(REPO_ROOT, ".env");
  const env = options.env ?? { ...(dotEnv ? readDotEnv(dotEnv) : {}), ...process.env };
  let config = defaultConfig();
  const terraform = options.terraform ?? { dir: path.join(REPO_ROOT, "terraform") };
  if (terraform) {
    // Loaded only when used: the HCL parser is not needed for the defaults alone.
    const { loadTerraformConfig } = await import("./terraform-overlay.js");
    config = await loadTerraformConfig({
      dir: terraform.dir,
      base: config,
      tfvarsFile: terraform.tfvarsFile,
      cache: terraformCacheSetting(env.EMULATOR_TERRAFORM_CACHE),
    });
  }
  const file = options.file ?? env.EMULATOR_CONFIG;
  if (file) {
    const resolved = path.resolve(file);
    config = checkStackConfig(overlay(config, await readConfigFile(resolved)), `config file ${resolved}`);
  }
  return applyEnv(config, env);
}

/** EMULATOR_TERRAFORM_CACHE: `off` reads the Terraform module on every start (terraform/facts-cache.ts). */
function terraformCacheSetting(raw: string | undefined): boolean {
  if (raw === undefined || raw === "" || raw === "on") return true;
  if (raw === "off") return false;
  throw new ConfigError(`EMULATOR_TERRAFORM_CACHE must be "on" or "off", got "${raw}"`);
}

const APPLICATION_LOG_LEVELS = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"] as const;

/**
 * FUNCTION_LOG_LEVEL: the function's application log level, as Terraform's `application_log_level`
 * would set it (Lambda's advanced logging controls need the JSON format for levels). The shortcut to
 * the handler's debug lines: `LOG_LEVEL=debug` alone is overridden by the application level, locally
 * as deployed.
 */
function applyFunctionLogLevel(fn: StackConfig["functionUrl"], raw: string | undefined): void {
  if (raw === undefined || raw === "") return;
  const level = raw.toUpperCase();
  const known = APPLICATION_LOG_LEVELS.find((l) => l === level);
  if (!known) {
    throw new ConfigError(
      `FUNCTION_LOG_LEVEL must be one of ${APPLICATION_LOG_LEVELS.join(", ")}, got "${raw}"`,
    );
  }
  fn.logging = { ...fn.logging, logFormat: "JSON", applicationLogLevel: known };
}
