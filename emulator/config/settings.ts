/**
 * Every environment variable the emulator, `npm run bench` and `npm run attack` read, in one table: its
 * kind, what it does, its default. Read only through `readSetting`, so a switch takes the same words
 * everywhere, a number is checked, and a value outside its kind is refused with the variable, the value
 * and the valid ones (`FUNCTION_RUNTIME must be "ric" or "worker", got "docker"`). README's
 * configuration table lists the same rows (a test compares them).
 *
 * @example
 * readSetting("EMULATOR_INSPECTOR", emulatorEnvironment()) // true, false for `off`, `0`, `no`, `FALSE`...
 */
import { APPLICATION_LEVELS } from "../terraform/lambda-logging.js";
import { defaultConfig, type PORT_ENV } from "./defaults.js";
import { type Environment, emulatorEnvironment } from "./environment.js";
import { DevEndpointsSettingError, InspectorSettingsError } from "./errors.js";
import {
  defineSetting,
  filePath,
  jsonObject,
  oneOf,
  onOff,
  portNumber,
  type Setting,
  type SettingKind,
  type SettingReader,
  text,
  wholeNumber,
} from "./setting-kinds.js";

const base = defaultConfig();
const code = (value: string | number) => `\`${value}\``;

function port(part: keyof typeof PORT_ENV, service: string) {
  return defineSetting({
    kind: portNumber(0),
    effect: `moves ${service} (\`0\`: any free port; a busy port names the variable to change)`,
    readBy: "stack",
    defaultText: code(base[part].port),
  });
}

/**
 * The handler's `LOG_LEVEL`, which `npm start` also read as its own level before EMULATOR_LOG_LEVEL:
 * `debug` in any case meant debug, anything else (the handler's `warn`, `silent`, ...) info. Kept that way,
 * never refused, since the same shell may set it for the handler's sake.
 */
const legacyLogLevel: SettingKind<"info" | "debug"> = {
  expected: "any value",
  values: "`debug` (any case); any other value means `info`",
  parse: (raw) => (raw.toLowerCase() === "debug" ? "debug" : "info"),
  show: (value) => value,
};

export const SETTINGS = {
  CLOUDFRONT_PORT: port("cloudfront", "CloudFront"),
  FUNCTION_URL_PORT: port("functionUrl", "the Function URL"),
  COGNITO_PORT: port("cognito", "Cognito"),
  GEMINI_STUB_PORT: port("gemini", "the Gemini stub"),
  SSM_PORT: port("ssm", "SSM"),
  PLAYGROUND_PORT: port("playground", "the playground"),
  STACK_HOST: defineSetting({
    kind: text(),
    effect: "listen address of every service (beyond loopback, the banner warns)",
    readBy: "stack",
    defaultText: code(base.cloudfront.host),
  }),
  EMULATOR_CONFIG: defineSetting({
    kind: filePath(),
    effect:
      "a JSON file overlaid on the Terraform module's settings (any subset of `emulator/config/types.ts`)",
    readBy: "stack",
    defaultText: "unset",
  }),
  EMULATOR_STATE_DIR: defineSetting({
    kind: filePath(),
    effect: "where signing keys and caches persist",
    readBy: "stack",
    defaultText: "`.emulator-state/`",
  }),
  EMULATOR_TERRAFORM_CACHE: defineSetting({
    kind: onOff(),
    effect:
      "`off`: read `terraform/` on every start instead of reusing the facts of an unchanged module (terraform/README.md)",
    readBy: "stack",
    fallback: true,
  }),
  EMULATOR_DEV_ENDPOINTS: defineSetting({
    kind: oneOf(["loopback", "open"], { sayDefault: "loopback" }),
    effect: "`open`: let non-loopback callers use the dev endpoints (an enumeration, not a switch)",
    readBy: "stack",
    error: DevEndpointsSettingError,
    fallback: "loopback",
  }),
  EMULATOR_INSPECTOR: defineSetting({
    kind: onOff(),
    effect: "`off`: no request inspector",
    readBy: "stack",
    error: InspectorSettingsError,
    fallback: true,
  }),
  EMULATOR_INSPECTOR_MAX_CHATS: defineSetting({
    kind: wholeNumber(1, 10_000),
    effect: "how many recent chats the inspector keeps",
    readBy: "stack",
    error: InspectorSettingsError,
    fallback: 100,
  }),
  EMULATOR_LOG_LEVEL: defineSetting({
    kind: oneOf(["info", "debug"], { anyCase: true }),
    effect:
      "the emulator's own lines; `debug` adds what SigV4 signed over when the Function URL refuses a signature",
    readBy: "stack",
    defaultText: code("info"),
  }),
  LOG_LEVEL: defineSetting({
    kind: legacyLogLevel,
    effect:
      "deprecated as the emulator's level (a note says so): read only when `EMULATOR_LOG_LEVEL` is unset. The handler's own `LOG_LEVEL` comes from Terraform (`log_level`), never from here",
    readBy: "stack",
    defaultText: "unset",
  }),
  HANDLER_USE_BUNDLE: defineSetting({
    kind: onOff(),
    effect: "`on`: run the built bundle `dist/handler/index.mjs` instead of source (`functionUrl.useBundle`)",
    readBy: "stack",
    defaultText: code(base.functionUrl.useBundle ? "on" : "off"),
  }),
  HANDLER_INSPECT_PORT: defineSetting({
    kind: portNumber(1),
    effect: "`npm run start:debug`'s inspector port (`--inspect-port` wins)",
    readBy: "stack",
    defaultText: code(9339),
  }),
  FUNCTION_RUNTIME: defineSetting({
    kind: oneOf(["ric", "worker"]),
    effect:
      "`ric`: AWS's runtime client, on the runtime's own Node; `worker`: threads of the emulator's Node",
    readBy: "stack",
    defaultText: code(base.functionUrl.containerRuntime ?? "worker"),
  }),
  FUNCTION_API_KEY_SOURCE: defineSetting({
    kind: oneOf(["ssm", "environment"]),
    effect:
      "`ssm`: the function reads `GEMINI_API_KEY_PARAMETER` through the emulated SSM, as deployed; `environment`: the shortcut, `GEMINI_API_KEY` set directly",
    readBy: "stack",
    defaultText: code(base.functionUrl.apiKeySource ?? "ssm"),
  }),
  FUNCTION_LOG_LEVEL: defineSetting({
    kind: oneOf(APPLICATION_LEVELS, { anyCase: true }),
    effect:
      "the function's application log level, as Terraform's `application_log_level` sets it (JSON format)",
    readBy: "stack",
    defaultText: "Terraform's `logging_config`",
  }),
  FUNCTION_URL_DELIVERY: defineSetting({
    kind: oneOf(["immediate", "lambda"]),
    effect: "`lambda`: small writes held, the harsher reading (`docs/delivery.md`)",
    readBy: "stack",
    defaultText: code(base.functionUrl.delivery.mode),
  }),
  FUNCTION_URL_DELIVERY_THRESHOLD_BYTES: defineSetting({
    kind: wholeNumber(1),
    effect: "`lambda` delivery: held bytes go out once this many have accumulated",
    readBy: "stack",
    defaultText: code(base.functionUrl.delivery.thresholdBytes),
  }),
  FUNCTION_URL_DELIVERY_MAX_HOLD_MS: defineSetting({
    kind: wholeNumber(0),
    effect: "`lambda` delivery: held bytes also go out this long after the first of them",
    readBy: "stack",
    defaultText: "unset (no limit)",
  }),
  GEMINI_STUB_API_KEY: defineSetting({
    kind: text(),
    effect: "the key the stub accepts",
    readBy: "stack",
    defaultText: code(base.gemini.apiKey),
  }),
  GEMINI_STUB_RETIRED_MODELS: defineSetting({
    kind: oneOf(["not-found", "routed"]),
    effect: "what a retired model gets: Google's 404, or an answer from the successor Google's notices name",
    readBy: "stack",
    defaultText: code(base.gemini.retiredModels),
  }),
  BENCH_SMOKE: defineSetting({
    kind: onOff(),
    effect: "`npm run bench` at tiny sizes, as `--smoke`",
    readBy: "bench",
    fallback: false,
  }),
  BENCH_STACK_OVERRIDES: defineSetting({
    kind: jsonObject(),
    effect: "set by `npm run bench` for the stack process it starts: overlaid on its configuration",
    readBy: "bench",
    defaultText: "unset",
  }),
  FUZZ_SEED: defineSetting({
    kind: wholeNumber(0, 2_147_483_647),
    effect: "`npm run attack`'s fuzzing seed, to replay a failure",
    readBy: "attack",
    fallback: 20_260_508,
  }),
} as const satisfies Record<string, Setting<unknown>>;

export type SettingName = keyof typeof SETTINGS;
export type Settings = { [K in SettingName]: ReturnType<(typeof SETTINGS)[K]["read"]> };

/**
 * The value of one variable, from `env` (default: `.env` under the process's environment).
 * @example readSetting("FUNCTION_URL_DELIVERY", { FUNCTION_URL_DELIVERY: "lambda" }) // "lambda"
 */
export function readSetting<K extends SettingName>(
  name: K,
  env: Environment = emulatorEnvironment(),
): Settings[K] {
  return SETTINGS[name].read(name, env[name]) as Settings[K];
}

/** Reads every variable `reader` uses, so a bad value is refused at start, not when first used. */
export function checkSettings(env: Environment, reader: SettingReader): void {
  for (const [name, setting] of Object.entries(SETTINGS)) {
    if (setting.readBy === reader) setting.read(name, env[name]);
  }
}

/**
 * The emulator's own log level: EMULATOR_LOG_LEVEL, else the old spelling LOG_LEVEL as it was read, with
 * a note to print when that old spelling is what turned debug on.
 */
export function emulatorLogLevel(env: Environment = emulatorEnvironment()): {
  level: "info" | "debug";
  note?: string;
} {
  const level = readSetting("EMULATOR_LOG_LEVEL", env);
  if (level) return { level };
  if (readSetting("LOG_LEVEL", env) !== "debug") return { level: "info" };
  return {
    level: "debug",
    note: "LOG_LEVEL=debug sets the emulator's log level, a use that is deprecated: set EMULATOR_LOG_LEVEL=debug instead (LOG_LEVEL is the handler's variable)",
  };
}
