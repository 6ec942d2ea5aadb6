/**
 * The handler's environment, read in this one module (pinned names: docs/interfaces.md#handler-environment).
 * `loadConfig` throws a ConfigError naming the variable at cold start, so a bad deployment fails its Init
 * phase instead of answering requests wrongly.
 */
import { CognitoJwtVerifier } from "aws-jwt-verify";
import { ConfigError } from "./config-error.js";
import { ALLOW_NON_LOOPBACK_HTTP, checkEndpoint } from "./endpoint-guard.js";

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
/** MODEL_THINKING_LEVEL: how hard the model thinks (model/thinking.ts gives it in the model's form). */
export type ThinkingLevelSetting = "minimal" | "low" | "medium" | "high";
const THINKING_LEVELS: readonly ThinkingLevelSetting[] = ["minimal", "low", "medium", "high"];

export type ApiKeySource = { kind: "value"; apiKey: string } | { kind: "ssm"; parameterName: string };

/**
 * LOG_LEVEL in any case; Lambda's own level names (TRACE, DEBUG, INFO, WARN, ERROR, FATAL: Lambda
 * developer guide, "Configuring advanced logging controls") map to the nearest level this logger has.
 */
export function parseLogLevel(raw: string, name = "LOG_LEVEL"): LogLevel {
  const level = raw.toLowerCase();
  if (level === "trace") return "debug";
  if (level === "fatal") return "error";
  if (level === "debug" || level === "info" || level === "warn" || level === "error" || level === "silent") {
    return level;
  }
  throw new ConfigError(
    `${name} must be one of debug, info, warn, error, silent (or TRACE, FATAL, any case); got: ${raw}`,
  );
}

/**
 * The level the handler logs at. Lambda's application log level (advanced logging controls) reaches
 * the function as AWS_LAMBDA_LOG_LEVEL and wins over LOG_LEVEL, as in Powertools Logger ("AWS Lambda
 * Advanced Logging Controls": the ALC level is used, and a lower Powertools level only draws a
 * warning): with the JSON log format Lambda itself drops lines below that level, so a lower
 * LOG_LEVEL could not print more anyway.
 */
export function resolveLogLevel(env: Env): LogLevel {
  const alc = optional(env, "AWS_LAMBDA_LOG_LEVEL");
  if (alc !== undefined) return parseLogLevel(alc, "AWS_LAMBDA_LOG_LEVEL");
  return parseLogLevel(optional(env, "LOG_LEVEL") ?? "info");
}

export interface HandlerConfig {
  userPoolId: string;
  clientId: string;
  /** Local only: where the JWKS is fetched from instead of the pool's own URL. */
  jwksUri?: string;
  /** Lower-case header name holding `Bearer <jwt>`. */
  authTokenHeader: string;
  /** When set, the token's `cognito:groups` must contain at least one of these. */
  allowedGroups?: string[];
  apiKey: ApiKeySource;
  model: string;
  /** Local only: the Gemini stub's base URL. */
  geminiBaseUrl?: string;
  modelTimeoutMs: number;
  keepAliveMs: number;
  /** Bytes a keep-alive comment is padded to, so Lambda cannot hold it (0: unpadded). */
  keepAlivePadBytes: number;
  /** Output cap per model call (thinking tokens count against it on 2.5 and 3.x models). */
  maxOutputTokens: number;
  thinkingLevel: ThinkingLevelSetting;
  spoilerMaxCodeLines: number;
  logLevel: LogLevel;
}

export { ConfigError } from "./config-error.js";
export { ConfigInsecureEndpointError } from "./endpoint-guard.js";

/**
 * Gemini 3.8 Flash: the newest stable Flash model on Google's models page
 * (https://ai.google.dev/gemini-api/docs/models, read 2026-12-07; released 2026-09-02, no shutdown
 * announced). Its row, and those of the models it replaced: docs/lifecycle.md.
 */
export const DEFAULT_MODEL = "gemini-3.8-flash";
export const DEFAULT_AUTH_TOKEN_HEADER = "x-forwarded-authorization";
/** Lines of code a conversation may show (why 6: handler/README.md, "The budget"). */
export const DEFAULT_SPOILER_MAX_CODE_LINES = 6;

type Env = Record<string, string | undefined>;

function isUserPoolId(value: string): boolean {
  try {
    CognitoJwtVerifier.parseUserPoolId(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads and checks the environment.
 * @example loadConfig({ COGNITO_USER_POOL_ID: "us-east-1_Abc", COGNITO_CLIENT_ID: "x", GEMINI_API_KEY: "k" })
 */
export function loadConfig(env: Env = process.env): HandlerConfig {
  const userPoolId = required(env, "COGNITO_USER_POOL_ID");
  // The verifier's own parser decides (it knows every region form, the European Sovereign Cloud's
  // `eusc-` included); checking here, at Init, names the variable in the error.
  if (!isUserPoolId(userPoolId)) {
    throw new ConfigError(`COGNITO_USER_POOL_ID is not a user pool id: ${userPoolId}`);
  }
  const clientId = required(env, "COGNITO_CLIENT_ID");

  const apiKeyValue = optional(env, "GEMINI_API_KEY");
  const parameterName = optional(env, "GEMINI_API_KEY_PARAMETER");
  let apiKey: ApiKeySource;
  if (apiKeyValue) apiKey = { kind: "value", apiKey: apiKeyValue };
  else if (parameterName) apiKey = { kind: "ssm", parameterName };
  else throw new ConfigError("Set GEMINI_API_KEY or GEMINI_API_KEY_PARAMETER (neither is set)");

  checkRemovedSdkSwitch(env);
  const logLevel = resolveLogLevel(env);
  const allowHttp = optional(env, ALLOW_NON_LOOPBACK_HTTP);
  if (allowHttp !== undefined && allowHttp !== "true") {
    throw new ConfigError(`${ALLOW_NON_LOOPBACK_HTTP} must be "true" or unset, got: ${allowHttp}`);
  }
  const endpoint = (name: string) => {
    const value = optional(env, name);
    return value === undefined ? undefined : checkEndpoint(name, value, allowHttp === "true");
  };
  const groups = optional(env, "ALLOWED_GROUPS")
    ?.split(",")
    .map((g) => g.trim())
    .filter(Boolean);

  return {
    userPoolId,
    clientId,
    jwksUri: endpoint("COGNITO_JWKS_URI"),
    authTokenHeader: (optional(env, "AUTH_TOKEN_HEADER") ?? DEFAULT_AUTH_TOKEN_HEADER).toLowerCase(),
    allowedGroups: groups && groups.length > 0 ? groups : undefined,
    apiKey,
    model: optional(env, "GEMINI_MODEL") ?? DEFAULT_MODEL,
    geminiBaseUrl: endpoint("GEMINI_BASE_URL"),
    modelTimeoutMs: positiveInt(env, "MODEL_TIMEOUT_MS", 30_000),
    keepAliveMs: positiveInt(env, "KEEPALIVE_MS", 10_000),
    keepAlivePadBytes: KEEPALIVE_PAD_BYTES_ZERO.test(env.KEEPALIVE_PAD_BYTES ?? "")
      ? 0
      : positiveInt(env, "KEEPALIVE_PAD_BYTES", 16_384),
    maxOutputTokens: positiveInt(env, "MODEL_MAX_OUTPUT_TOKENS", 8192),
    thinkingLevel: thinkingLevel(env),
    spoilerMaxCodeLines: positiveInt(env, "SPOILER_MAX_CODE_LINES", DEFAULT_SPOILER_MAX_CODE_LINES),
    logLevel: logLevel as LogLevel,
  };
}

/**
 * GEMINI_SDK chose between two SDK adapters; only `@google/genai` is left, because Google ended support
 * for `@google/generative-ai` on 2025-08-31 (docs/lifecycle.md). A deployment that still asks for the
 * removed SDK fails Init saying why, rather than silently running another SDK; `genai`, the old default,
 * names what the handler does anyway and only draws a warning at cold start (compose.ts).
 */
function checkRemovedSdkSwitch(env: Env): void {
  const sdk = optional(env, "GEMINI_SDK");
  if (sdk === undefined || sdk === "genai") return;
  if (sdk === "generative-ai") {
    throw new ConfigError(
      "GEMINI_SDK=generative-ai is no longer supported: the @google/generative-ai adapter was removed (Google ended its support on 2025-08-31). Remove GEMINI_SDK; the handler uses @google/genai",
    );
  }
  throw new ConfigError(
    `GEMINI_SDK was removed (the handler always uses @google/genai); remove it from the environment, got: ${sdk}`,
  );
}

function thinkingLevel(env: Env): ThinkingLevelSetting {
  const raw = optional(env, "MODEL_THINKING_LEVEL") ?? "low";
  const level = raw.toLowerCase() as ThinkingLevelSetting;
  if (!THINKING_LEVELS.includes(level)) {
    throw new ConfigError(`MODEL_THINKING_LEVEL must be one of ${THINKING_LEVELS.join(", ")}, got: ${raw}`);
  }
  return level;
}

/** `KEEPALIVE_PAD_BYTES=0` turns padding off; any other value must be a positive integer. */
const KEEPALIVE_PAD_BYTES_ZERO = /^\s*0\s*$/;

function optional(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function required(env: Env, name: string): string {
  const value = optional(env, name);
  if (!value) throw new ConfigError(`${name} is required but not set`);
  return value;
}

function positiveInt(env: Env, name: string, fallback: number): number {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new ConfigError(`${name} must be a positive integer, got: ${raw}`);
  }
  return value;
}
