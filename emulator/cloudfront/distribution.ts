import type http from "node:http";
import type { CloudFrontConfig, LocalCredential } from "../config/types.js";
import type { StackEventEmitter } from "../shared/stack-events.js";
import type { ServiceLog } from "../stack/logger.js";
import type { ViewerRequestFunction } from "./function/runtime.js";
import type { OriginHeaderPolicy } from "./origin-request-policy.js";

/** Paths a server answers itself, ahead of the distribution: none of them exists in CloudFront. */
export interface LocalRoutes {
  handles(path: string): boolean;
  serve(req: http.IncomingMessage, res: http.ServerResponse, path: string): void;
}

/** One distribution's settings, resolved once when its server is created (server.ts); every request reads them. */
export interface Distribution {
  config: CloudFrontConfig;
  /** Where the origin (the Function URL) listens. */
  origin: { host: string; port: number };
  /** The origin's domain: the Host CloudFront sends and OAC signs. */
  originDomain: string;
  /** OAC signs for this region with these keys. */
  region: string;
  credentials: LocalCredential;
  readTimeoutMs: number;
  /** `Via` value, one edge host id for the server's life. */
  via: string;
  /** `X-Amz-Cf-Pop` value. */
  pop: string;
  /** The viewer-request CloudFront Function, when one is attached. */
  fn?: ViewerRequestFunction;
  /** Keep-alive connections to the origin. */
  agent: http.Agent;
  log: ServiceLog;
  /** Where each request's steps are told (the stack's event bus); nobody is told when absent. */
  events?: StackEventEmitter;
  /** Emulator-only paths answered before the distribution sees the request (the stack mounts the inspector's). */
  localRoutes?: LocalRoutes;
  /** Milliseconds since the epoch; the SigV4 signing date. */
  clock: () => number;
  /** The origin request policy's header rules (origin-request-policy.ts). */
  originHeaders: OriginHeaderPolicy;
  /** `CloudFront-Viewer-Country` for local viewers. */
  viewerCountry: string;
}
