/** Messages between the emulator (main thread) and a `worker` container (worker thread). */
import type { ErrorInfo, InvokeContextData } from "../../containers/platform-types.js";

/** The invocation's context as the worker gets it: the platform's, with the time it has left. */
export interface WorkerInvokeContext extends InvokeContextData {
  /** Milliseconds left when the message was posted; the worker turns it into a deadline. */
  remainingMs: number;
}

/**
 * No message tells a container that the client went away: Lambda does not
 * (aws/aws-lambda-nodejs-runtime-interface-client#145).
 */
export type ToContainer = {
  type: "invoke";
  invokeId: number;
  eventJson: string;
  context: WorkerInvokeContext;
};

export type FromContainer =
  | { type: "ready"; initMs: number }
  | { type: "init-error"; error: ErrorInfo }
  /** One console line of the function, in the runtime's log format. */
  | { type: "log"; line: string }
  /** First write (or end): the stream's content type is now fixed. */
  | { type: "head"; invokeId: number; contentType: string }
  /** One write, transferred (not copied) from the worker. */
  | { type: "chunk"; invokeId: number; data: ArrayBuffer }
  /** A buffered response: the JSON of a non-streaming handler's return value. */
  | { type: "buffered"; invokeId: number; data: ArrayBuffer; contentType: string }
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
  /** The whole `_HANDLER` setting (`index.handler`), for the errors the runtime reports with it. */
  handler: string;
  /** The module name the package's entry file answers to (`index` for `index.mjs`). */
  packageModule: string;
}
