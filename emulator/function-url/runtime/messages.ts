/** Messages between the emulator (main thread) and a container (worker thread). */

export interface InvokeContextData {
  awsRequestId: string;
  functionName: string;
  functionVersion: string;
  memoryLimitInMB: string;
  invokedFunctionArn: string;
  logGroupName: string;
  logStreamName: string;
  /** Milliseconds left when the message was posted; the worker turns it into a deadline. */
  remainingMs: number;
}

/** No message tells a container that the client went away: Lambda does not (RIC issue #145). */
export type ToContainer = { type: "invoke"; invokeId: number; event: unknown; context: InvokeContextData };

export interface ErrorInfo {
  errorType: string;
  errorMessage: string;
  stack?: string[];
}

export type FromContainer =
  | { type: "ready"; initMs: number }
  | { type: "init-error"; error: ErrorInfo }
  /** First write (or end): the stream's content type is now fixed. */
  | { type: "head"; invokeId: number; contentType: string }
  /** One write, transferred (not copied) from the worker. */
  | { type: "chunk"; invokeId: number; data: ArrayBuffer }
  /** The response stream finished. */
  | { type: "end"; invokeId: number }
  /** The invocation is over; `error` when it failed. */
  | { type: "done"; invokeId: number; error?: ErrorInfo };

/** Worker data a container starts with. */
export interface ContainerData {
  /** Absolute path of the handler module (TypeScript source or built bundle). */
  modulePath: string;
  /** Exported handler name, e.g. `handler` for `index.handler`. */
  handlerName: string;
}
