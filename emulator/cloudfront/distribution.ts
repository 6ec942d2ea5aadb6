import type http from "node:http";
import type { StackEventEmitter } from "../common/stack-events.js";
import type { DistributionConfig, HttpMethod, LocalCredential, OacSigningBehavior } from "../config/types.js";
import type { ServiceLog } from "../stack/logger.js";
import type { ViewerRequestFunction } from "./function/runtime.js";
import type { OriginHeaderPolicy } from "./origin-request-policy.js";

/** Paths a server answers itself, ahead of the distribution: none of them exists in CloudFront. */
export interface LocalRoutes {
  handles(path: string): boolean;
  serve(req: http.IncomingMessage, res: http.ServerResponse, path: string): void;
}

/** One cache behaviour, resolved once: what it allows, its function, the origin it sends requests to. */
export interface Behavior {
  /** The path pattern; undefined for `Default (*)`. */
  pathPattern?: string;
  matches(path: string): boolean;
  allowedMethods: readonly HttpMethod[];
  /** The viewer-request CloudFront Function, when one is associated with this behaviour. */
  fn?: ViewerRequestFunction;
  /** The origin's domain (its function's URL host): the Host CloudFront sends and OAC signs. */
  originDomain: string;
  /** Its OAC's signing behaviour; undefined: no OAC, requests go unsigned. */
  oac?: OacSigningBehavior;
  readTimeoutMs: number;
  /** The behaviour's origin request policy's header rules (origin-request-policy.ts). */
  originHeaders: OriginHeaderPolicy;
}

/** One distribution's settings, resolved once when its server is created (server.ts); every request reads them. */
export interface Distribution {
  config: DistributionConfig;
  /** The ordered behaviours in order, then the default one. */
  behaviors: readonly Behavior[];
  /** Where the origins (every function's URL, on the Function URL listener) are reached. */
  origin: { host: string; port: number };
  /** OAC signs for this region with these keys. */
  region: string;
  credentials: LocalCredential;
  /** `Via` value, one edge host id for the server's life. */
  via: string;
  /** `X-Amz-Cf-Pop` value. */
  pop: string;
  /** Keep-alive connections to the origin. */
  agent: http.Agent;
  log: ServiceLog;
  /** Where each request's steps are told (the stack's event bus); nobody is told when absent. */
  events?: StackEventEmitter;
  /** Emulator-only paths answered before the distribution sees the request (the stack mounts the inspector's). */
  localRoutes?: LocalRoutes;
  /** Milliseconds since the epoch; the SigV4 signing date. */
  clock: () => number;
  /** `CloudFront-Viewer-Country` for local viewers. */
  viewerCountry: string;
}

/**
 * The behaviour that applies to `path`: the first ordered one whose pattern matches, else the default
 * (CloudFront developer guide, "Path pattern"; path-pattern.ts).
 */
export function behaviorFor(dist: Distribution, path: string): Behavior {
  const found = dist.behaviors.find((b) => b.matches(path));
  if (!found) throw new Error("a distribution without its default behaviour");
  return found;
}
