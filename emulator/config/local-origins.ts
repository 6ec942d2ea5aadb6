/**
 * The Function URL's allowed origins follow the playground locally: the Terraform module's local
 * environment names the playground at its pinned address (`terraform/environments/local.tfvars`),
 * so a playground moved with PLAYGROUND_PORT (or started on an ephemeral port) would otherwise be
 * refused by CORS. Only loopback origins on the pinned playground port are rewritten; any origin a
 * developer configured explicitly stays as it is.
 */
import type { CorsConfig } from "./types.js";

/** The playground's pinned port (docs/interfaces.md#ports), the one `local.tfvars` names. */
export const PINNED_PLAYGROUND_PORT = 5173;

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * `cors` with each loopback origin on the pinned playground port moved to `port`.
 *
 * @example
 *   followPlayground({ ...cors, allowOrigins: ["http://localhost:5173"] }, 15173).allowOrigins
 *   // ["http://localhost:15173"]
 */
export function followPlayground(cors: CorsConfig, port: number): CorsConfig {
  if (port === 0 || port === PINNED_PLAYGROUND_PORT) return cors;
  const allowOrigins = cors.allowOrigins.map((origin) => {
    const url = URL.canParse(origin) ? new URL(origin) : undefined;
    if (!url || !LOOPBACK_HOSTS.has(url.hostname) || url.port !== String(PINNED_PLAYGROUND_PORT))
      return origin;
    return `${url.protocol}//${url.hostname}:${port}`;
  });
  return { ...cors, allowOrigins: [...new Set(allowOrigins)] };
}
