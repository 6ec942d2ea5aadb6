/**
 * The start banner's warning when a service listens beyond loopback (STACK_HOST=0.0.0.0, a LAN
 * address, a container network name): the chain then answers the network, and the dev endpoints would
 * too if EMULATOR_DEV_ENDPOINTS=open.
 */

import { exposedServices } from "../common/loopback.js";
import type { StackConfig } from "../config/types.js";
import { DEV_ENDPOINTS_ENV, type DevEndpointAccess } from "./dev-access.js";

/** Banner lines (empty when every service is on loopback). */
export function exposureWarning(config: StackConfig, access: DevEndpointAccess): string[] {
  const exposed = exposedServices({
    cognito: config.cognito.host,
    "gemini stub": config.gemini.host,
    "function url": config.functionUrl.host,
    cloudfront: config.cloudfront.host,
    playground: config.playground.host,
  });
  if (exposed.length === 0) return [];
  const dev =
    access === "open"
      ? `  Dev endpoints OPEN to every caller (${DEV_ENDPOINTS_ENV}=open): anyone who reaches Cognito can mint tokens for any user.`
      : `  Dev endpoints (/_dev/*, /_stub/*) still answer only this machine; ${DEV_ENDPOINTS_ENV}=open would open them.`;
  return [
    `  WARNING: listening beyond loopback: ${exposed.join(", ")}.`,
    "  Anyone who can reach these ports can use the stack; it is a development twin, not a hardened service.",
    dev,
  ];
}
