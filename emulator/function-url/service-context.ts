/**
 * What every step of a request to the emulated Function URL reads (authorize.ts, invoke.ts,
 * stream-response.ts, request-handler.ts): the function's configuration and the service's log, clock
 * and event bus. Built once per server by server.ts.
 */
import type http from "node:http";
import type { StackEventEmitter } from "../common/stack-events.js";
import type { FunctionConfig, StackConfig } from "../config/types.js";
import type { CredentialStore } from "./auth/credential-store.js";
import type { FunctionUrlEvent } from "./event-builder.js";

export const SERVICE_NAME = "function-url";

export interface ServiceContext {
  config: StackConfig;
  fn: FunctionConfig;
  /** The virtual host: `<url-id>.lambda-url.<region>.on.aws`. */
  domain: string;
  functionArn: string;
  /** The local IAM credentials SigV4 requests are checked against. */
  credentials: CredentialStore;
  log: (line: string) => void;
  /** Milliseconds since the epoch: SigV4 skew, event times and throttling windows. */
  clock: () => number;
  /** `debug` also logs the canonical request and string-to-sign of a SigV4 refusal (sigv4-log.ts). */
  logLevel: "info" | "debug";
  /** Told each request's steps (auth decision, event, invocation) and the function's lines; nobody when absent. */
  events?: StackEventEmitter;
}

/** One request on its way through the service, once its virtual host and CORS preflight are settled. */
export interface RequestScope {
  /** The invocation's request id (Lambda's RequestId), given when the request arrives: its events carry it. */
  requestId: string;
  /** The request's `Origin`, for the CORS headers of whatever answers it. */
  origin: string | undefined;
}

/** A request let through: the event to invoke with, under the invocation's own request id. */
export interface Admitted {
  event: FunctionUrlEvent;
  requestId: string;
  /** When the request was admitted: the event's time, and the trace id's when the client sent none. */
  now: number;
}

/** The two steps of a request after its host and preflight: each answers the client when it stops it. */
export interface RequestSteps {
  /** Authorization and limits (authorize.ts): the event to invoke, or undefined once refused. */
  admit(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    scope: RequestScope,
  ): Promise<Admitted | undefined>;
  /** The invocation and its streamed answer (invoke.ts). */
  invoke(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    scope: RequestScope,
    admitted: Admitted,
  ): Promise<void>;
}
