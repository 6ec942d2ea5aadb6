/**
 * What the Lambda platform and a runtime tell each other about one invocation, whichever runtime runs
 * the environment: the context an invocation starts with, and the error a failed Init or invocation
 * reports. Each runtime carries these its own way (the `worker` runtime in its thread messages, the
 * `ric` runtime as the Runtime API's headers and error bodies); the shapes are the platform's.
 */

/**
 * An invocation's context as the platform hands it over (Lambda developer guide, nodejs-context; the
 * Runtime API's `Lambda-Runtime-*` headers). The deadline is not here: each runtime is given it in its
 * own form (`Lambda-Runtime-Deadline-Ms`, or the milliseconds left in the worker's message).
 */
export interface InvokeContextData {
  awsRequestId: string;
  functionName: string;
  functionVersion: string;
  memoryLimitInMB: string;
  invokedFunctionArn: string;
  logGroupName: string;
  logStreamName: string;
  /** X-Ray trace header of this invocation (`Lambda-Runtime-Trace-Id`). */
  xRayTraceId?: string;
}

/** An Init or invocation error as the runtime reports it (`errorType`, `errorMessage`, `trace`). */
export interface ErrorInfo {
  errorType: string;
  errorMessage: string;
  stack?: string[];
}
