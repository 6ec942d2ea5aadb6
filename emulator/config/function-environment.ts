/**
 * What a function's environment holds when the emulator runs it (defaults.ts re-exports it): the module's
 * variables, the local values its settings ask for, and Lambda's own.
 */
import { lambdaReservedEnvironment } from "../aws/lambda-environment.js";
import { connectHost, isLoopbackHost } from "../common/loopback.js";
import { functionRoleKeys } from "./functions.js";
import type { FunctionConfig, LocalValue, StackConfig } from "./types.js";

/** A local-only value's text: an address or the key of the local stack. */
function localValue(config: StackConfig, value: Exclude<LocalValue, "allow-non-loopback-http">): string {
  const { cognito, gemini, ssm } = config;
  switch (value) {
    case "cognito-jwks-uri":
      return `http://${connectHost(cognito.host)}:${cognito.port}/${cognito.userPoolId}/.well-known/jwks.json`;
    case "gemini-stub-url":
      return `http://${connectHost(gemini.host)}:${gemini.port}`;
    case "gemini-stub-api-key":
      return gemini.apiKey;
    case "ssm-endpoint":
      return `http://${connectHost(ssm.host)}:${ssm.port}`;
  }
}

/** Whether a local service a function reaches over http is beyond loopback (compose's bridge network). */
function beyondLoopback(config: StackConfig, fn: FunctionConfig): boolean {
  const values = Object.values(fn.localEnvironment ?? {});
  const hosts = [
    ...(values.includes("cognito-jwks-uri") ? [config.cognito.host] : []),
    ...(values.includes("gemini-stub-url") ? [config.gemini.host] : []),
  ];
  return hosts.some((host) => !isLoopbackHost(connectHost(host)));
}

/**
 * The variables the emulator adds to `fn`'s own (`localEnvironment`, never from Terraform), and the
 * secret parameter's shortcut: read through SSM as deployed (its name in `nameVariable`, where the
 * emulated SSM answers: AWS_ENDPOINT_URL_SSM, which the AWS SDK reads, @smithy/core
 * `getEndpointUrlConfig`), or with `apiKeySource: "environment"` its value set directly.
 */
function localVariables(config: StackConfig, fn: FunctionConfig, env: Record<string, string>): void {
  const shortcut = fn.secretParameter !== undefined && fn.apiKeySource === "environment";
  for (const [name, value] of Object.entries(fn.localEnvironment ?? {})) {
    if (value === "allow-non-loopback-http") {
      // A function that refuses plain http beyond loopback needs the explicit local opt-in for services
      // reached by name (the compose bridge network); Terraform never sets it.
      if (beyondLoopback(config, fn)) env[name] = "true";
    } else if (!(shortcut && value === "ssm-endpoint")) env[name] = localValue(config, value);
  }
  const secret = fn.secretParameter;
  if (!secret) return;
  if (shortcut) {
    env[secret.valueVariable] = localValue(config, secret.value);
    delete env[secret.nameVariable];
  } else delete env[secret.valueVariable];
}

/**
 * The function's environment as the emulator runs it: what Terraform sets, the local-only values the
 * function is given (`localEnvironment`, `secretParameter`: this project's function gets its pool's JWKS,
 * the stub's URL and SSM's address), and what Lambda adds (its reserved variables, the execution role's
 * session, X-Ray's, the logging ones).
 */
export function localFunctionEnvironment(
  config: StackConfig,
  fn: FunctionConfig = config.functionUrl,
): Record<string, string> {
  const env: Record<string, string> = { ...fn.environment };
  localVariables(config, fn, env);
  const { functionName, memoryMb, runtime } = fn;
  const credentials = functionRoleKeys(config, fn);
  Object.assign(
    env,
    lambdaReservedEnvironment({ region: config.region, functionName, memoryMb, runtime, credentials }),
  );
  Object.assign(env, lambdaLogEnvironment(fn.logging));
  return env;
}

/**
 * What Lambda's advanced logging controls put in the function's environment (Lambda developer guide,
 * "Log-level filtering with custom runtimes": AWS_LAMBDA_LOG_FORMAT and AWS_LAMBDA_LOG_LEVEL; the RIC's
 * LogPatch reads both, Powertools Logger the level). The level exists only in the JSON format.
 * Assumption: AWS_LAMBDA_LOG_FORMAT is set in the Text format too (the RIC treats it as Text either way).
 */
export function lambdaLogEnvironment(logging: StackConfig["functionUrl"]["logging"]): Record<string, string> {
  const format = logging?.logFormat ?? "Text";
  const env: Record<string, string> = { AWS_LAMBDA_LOG_FORMAT: format };
  if (format === "JSON") env.AWS_LAMBDA_LOG_LEVEL = logging?.applicationLogLevel ?? "INFO";
  return env;
}
