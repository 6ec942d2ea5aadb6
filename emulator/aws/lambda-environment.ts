/**
 * The variables Lambda defines in every function's environment (Lambda developer guide,
 * configuration-envvars, "Defined runtime environment variables", read 2026-12-07): the reserved ones
 * (the function, its log group, the execution role's credentials) and the unreserved ones Lambda sets
 * for X-Ray. Values checked against an environment recorded in a deployed function
 * (rimutaka/lambda-debugger-runtime-emulator `env-vars-aws.sh`, 2024-06-04, credentials left out
 * there) and the older recording in gist Sleavely/d4e99dc362860f3c6e27f955e755f1e8 (2020). The
 * runtime-side ones that depend on how the emulator runs the function (`AWS_LAMBDA_RUNTIME_API`,
 * `LAMBDA_TASK_ROOT`, `_HANDLER`) are set where the container starts; `_X_AMZN_TRACE_ID` by the
 * runtime per invocation; the logging ones from the function's LoggingConfig.
 *
 * @example
 * lambdaReservedEnvironment({ region: "us-east-1", functionName: "chatbot-query", memoryMb: 512, runtime: "nodejs24.x" });
 * // { AWS_REGION: "us-east-1", AWS_LAMBDA_FUNCTION_NAME: "chatbot-query", AWS_EXECUTION_ENV: "AWS_Lambda_nodejs24.x", ... }
 */

/** The CloudWatch Logs group Lambda writes a function's logs to (developer guide, monitoring-cloudwatchlogs). */
export function lambdaLogGroupName(functionName: string): string {
  return `/aws/lambda/${functionName}`;
}

/** The execution role's temporary credentials, as Lambda hands them to the function. */
export interface RoleSessionKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

export interface LambdaFunctionFacts {
  region: string;
  functionName: string;
  memoryMb: number;
  /** The Lambda runtime identifier, e.g. `nodejs24.x`. */
  runtime: string;
  /** The execution role's session; absent leaves the credential variables out. */
  credentials?: RoleSessionKeys;
}

/**
 * The X-Ray daemon's address inside Lambda's sandbox, as recorded (rimutaka/lambda-debugger-runtime-emulator).
 * Locally nothing listens there, as with AWS_LAMBDA_RUNTIME_API under the worker runtime; the X-Ray SDK
 * sends UDP and LOG_ERROR makes a missing context a log line, not an error.
 */
const XRAY_DAEMON_HOST = "169.254.79.129";
const XRAY_DAEMON_PORT = "2000";

export function lambdaReservedEnvironment(fn: LambdaFunctionFacts): Record<string, string> {
  const env: Record<string, string> = {
    AWS_REGION: fn.region,
    AWS_DEFAULT_REGION: fn.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
    AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
    AWS_LAMBDA_LOG_GROUP_NAME: lambdaLogGroupName(fn.functionName),
    // Unreserved, set by Lambda "for X-Ray tracing" (the guide), with or without active tracing (both recordings).
    AWS_XRAY_CONTEXT_MISSING: "LOG_ERROR",
    AWS_XRAY_DAEMON_ADDRESS: `${XRAY_DAEMON_HOST}:${XRAY_DAEMON_PORT}`,
    _AWS_XRAY_DAEMON_ADDRESS: XRAY_DAEMON_HOST,
    _AWS_XRAY_DAEMON_PORT: XRAY_DAEMON_PORT,
  };
  if (fn.credentials) {
    Object.assign(env, {
      AWS_ACCESS_KEY_ID: fn.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: fn.credentials.secretAccessKey,
      AWS_SESSION_TOKEN: fn.credentials.sessionToken,
      // The guide lists AWS_ACCESS_KEY with the three above ("the access keys obtained from the function's
      // execution role"). Assumption: its value is the access key id (the 2020 recording predates it).
      AWS_ACCESS_KEY: fn.credentials.accessKeyId,
    });
  }
  return env;
}
