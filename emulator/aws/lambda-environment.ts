/**
 * The reserved variables Lambda defines in every function's environment (Lambda developer guide,
 * configuration-envvars, "Defined runtime environment variables"). The runtime-side ones that depend on
 * how the emulator runs the function (`AWS_LAMBDA_RUNTIME_API`, `LAMBDA_TASK_ROOT`, `_HANDLER`) are
 * set where the container starts.
 *
 * @example
 * lambdaReservedEnvironment({ region: "us-east-1", functionName: "chatbot-query", memoryMb: 512, runtime: "nodejs20.x" });
 * // { AWS_REGION: "us-east-1", AWS_LAMBDA_FUNCTION_NAME: "chatbot-query", AWS_EXECUTION_ENV: "AWS_Lambda_nodejs20.x", ... }
 */

/** The CloudWatch Logs group Lambda writes a function's logs to (developer guide, monitoring-cloudwatchlogs). */
export function lambdaLogGroupName(functionName: string): string {
  return `/aws/lambda/${functionName}`;
}

export interface LambdaFunctionFacts {
  region: string;
  functionName: string;
  memoryMb: number;
  /** The Lambda runtime identifier, e.g. `nodejs20.x`. */
  runtime: string;
}

export function lambdaReservedEnvironment(fn: LambdaFunctionFacts): Record<string, string> {
  return {
    AWS_REGION: fn.region,
    AWS_DEFAULT_REGION: fn.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
    AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
    AWS_LAMBDA_LOG_GROUP_NAME: lambdaLogGroupName(fn.functionName),
  };
}
