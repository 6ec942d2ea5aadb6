import type http from "node:http";
import type { CloudFrontConfig, LocalCredential } from "../config/types.js";
import type { InspectorRecorder } from "../inspector/recorder.js";
import type { DevAccess } from "../stack/dev-access.js";
import type { ServiceLog } from "../stack/logger.js";
import type { ViewerRequestFunction } from "./function/runtime.js";
import type { OriginHeaderPolicy } from "./origin-request-policy.js";

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
  inspector?: InspectorRecorder;
  /** Who may read and clear the inspector (no page of another site). */
  inspectorAccess: DevAccess;
  /** Milliseconds since the epoch; the SigV4 signing date. */
  clock: () => number;
  /** The origin request policy's header rules (origin-request-policy.ts). */
  originHeaders: OriginHeaderPolicy;
  /** `CloudFront-Viewer-Country` for local viewers. */
  viewerCountry: string;
}
