/**
 * Policy rules on the Lambda function: its environment (pinned names, nothing local-only, no secret),
 * runtime and logging.
 */
import { checkDefaults, WARNING_DAYS } from "../../../emulator/common/lifecycle/check.js";
import type { Value } from "../../../emulator/terraform/expression.js";
import type { PolicyRule } from "./policy-rule.js";

// Local only (docs/interfaces.md#handler-environment): set only by the emulator, never by a deployment.
const LOCAL_ONLY_ENVIRONMENT = ["COGNITO_JWKS_URI", "GEMINI_BASE_URL", "GEMINI_API_KEY"];
// handler/src/endpoint-guard.ts: the local stack's opt-in to plain http beyond loopback.
LOCAL_ONLY_ENVIRONMENT.push("ALLOW_NON_LOOPBACK_HTTP");
// Where the emulated SSM answers (emulator/config/defaults.ts); deployed, the SDK finds SSM itself.
LOCAL_ONLY_ENVIRONMENT.push("AWS_ENDPOINT_URL_SSM");
const PINNED_ENVIRONMENT = [
  "COGNITO_USER_POOL_ID",
  "COGNITO_CLIENT_ID",
  "GEMINI_API_KEY_PARAMETER",
  "GEMINI_MODEL",
  "AUTH_TOKEN_HEADER",
  "MODEL_TIMEOUT_MS",
  "KEEPALIVE_MS",
  "SPOILER_MAX_CODE_LINES",
  "LOG_LEVEL",
];
const SECRET_VALUE_PATTERNS = [
  /AIza[0-9A-Za-z_-]{30,}/, // Google API key
  /(A3T[A-Z0-9]|AKIA|ASIA)[A-Z0-9]{16}/, // AWS access key id
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
];
const SECRET_NAME = /(API_KEY|SECRET|PASSWORD|PRIVATE_KEY|ACCESS_KEY)$/;

export const environmentLocalOnly: PolicyRule = {
  id: "environment-local-only",
  title: "Lambda environment has the pinned names and no local-only variables",
  async check(m) {
    const out: string[] = [];
    for (const fn of m.resources("aws_lambda_function")) {
      const env = ((await m.value(fn, ["environment", "variables"])) ?? {}) as Record<string, Value>;
      for (const name of LOCAL_ONLY_ENVIRONMENT)
        if (name in env) out.push(`${fn.name}: sets local-only ${name}`);
      for (const name of PINNED_ENVIRONMENT) if (!(name in env)) out.push(`${fn.name}: lacks ${name}`);
    }
    return out;
  },
};

export const environmentSecrets: PolicyRule = {
  id: "environment-secrets",
  title: "Lambda environment holds no secret literal",
  async check(m) {
    const out: string[] = [];
    for (const fn of m.resources("aws_lambda_function")) {
      const env = ((await m.value(fn, ["environment", "variables"])) ?? {}) as Record<string, Value>;
      for (const [name, value] of Object.entries(env)) {
        if (SECRET_NAME.test(name))
          out.push(`${fn.name}: ${name} looks like a secret; use an SSM parameter name`);
        if (typeof value === "string" && SECRET_VALUE_PATTERNS.some((p) => p.test(value))) {
          out.push(`${fn.name}: ${name} holds a secret-looking value`);
        }
      }
    }
    return out;
  },
};

/**
 * The runtime against the lifecycle table (docs/lifecycle.md, from Lambda's runtimes page): known, not
 * deprecated, and more than WARNING_DAYS before its deprecation date, on the day the rule runs.
 */
export const runtimeSupported: PolicyRule = {
  id: "runtime-supported",
  title: `Lambda runtime is in the lifecycle table and more than ${WARNING_DAYS} days from its deprecation`,
  async check(m, { today }) {
    const pinned = [];
    for (const fn of m.resources("aws_lambda_function")) {
      const runtime = String(await m.value(fn, ["runtime"]));
      pinned.push({ where: `${fn.name}: runtime`, id: runtime, kind: "lambda-runtime" as const });
    }
    return checkDefaults(pinned, today);
  },
};

export const lambdaLoggingJson: PolicyRule = {
  // Lambda developer guide, "Log-level filtering": levels apply only in the JSON format; the handler's
  // lines are JSON already, and the application level reaches it as AWS_LAMBDA_LOG_LEVEL.
  id: "lambda-logging-json",
  title: "Lambda logs in the JSON format with an application log level (advanced logging controls)",
  async check(m) {
    const out: string[] = [];
    for (const fn of m.resources("aws_lambda_function")) {
      const format = await m.value(fn, ["logging_config", "log_format"]);
      if (format !== "JSON") out.push(`${fn.name}: log_format ${String(format ?? "unset (Text)")}`);
      const level = await m.value(fn, ["logging_config", "application_log_level"]);
      if (level === undefined || level === null) out.push(`${fn.name}: no application_log_level`);
    }
    return out;
  },
};
