/**
 * What a function's environment holds when the emulator runs it (defaults.ts re-exports it): the module's
 * variables, Lambda's own, and the local values this project's function is given.
 */
import { lambdaReservedEnvironment } from "../aws/lambda-environment.js";
import { connectHost, isLoopbackHost } from "../shared/loopback.js";
import { functionRoleKeys } from "./functions.js";
import type { FunctionConfig, StackConfig } from "./types.js";

/**
 * The function's environment as the emulator runs it: what Terraform sets, what Lambda adds (its reserved
 * variables, the execution role's session, X-Ray's, the logging ones), and the local-only values that
 * Terraform must never set: the JWKS location, the stub's URL, where SSM answers (AWS_ENDPOINT_URL_SSM, which
 * the AWS SDK reads: @smithy/core `getEndpointUrlConfig`, serviceId "SSM"). The Gemini key comes as deployed,
 * through SSM by GEMINI_API_KEY_PARAMETER; with `apiKeySource: "environment"` (the shortcut) as GEMINI_API_KEY.
 */
export function localFunctionEnvironment(
  config: StackConfig,
  fn: FunctionConfig = config.functionUrl,
): Record<string, string> {
  const { cognito, gemini, ssm } = config;
  const env: Record<string, string> = { ...fn.environment };
  const cognitoHost = connectHost(cognito.host);
  const geminiHost = connectHost(gemini.host);
  env.COGNITO_JWKS_URI = `http://${cognitoHost}:${cognito.port}/${cognito.userPoolId}/.well-known/jwks.json`;
  env.GEMINI_BASE_URL = `http://${geminiHost}:${gemini.port}`;
  // The handler refuses plain http beyond loopback (handler/src/endpoint-guard.ts); services reached
  // by name (the compose bridge network) need the explicit local opt-in, which Terraform forbids.
  if (!isLoopbackHost(cognitoHost) || !isLoopbackHost(geminiHost)) env.ALLOW_NON_LOOPBACK_HTTP = "true";
  if (fn.apiKeySource === "environment") {
    env.GEMINI_API_KEY = gemini.apiKey;
    delete env.GEMINI_API_KEY_PARAMETER;
  } else {
    env.AWS_ENDPOINT_URL_SSM = `http://${connectHost(ssm.host)}:${ssm.port}`;
    delete env.GEMINI_API_KEY;
  }
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
