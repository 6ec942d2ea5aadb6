/**
 * Cold-start guardrail for the two local-only endpoint variables (docs/interfaces.md#handler-environment):
 * `COGNITO_JWKS_URI` decides which keys the handler trusts and `GEMINI_BASE_URL` receives the API key, so
 * neither may travel in clear text beyond this machine. Accepted: `https:` anywhere, `http:` only to a
 * loopback host (127.0.0.0/8, ::1, localhost). A local stack whose services reach each other by name (the
 * compose bridge network) opts in with `ALLOW_NON_LOOPBACK_HTTP=true`, which Terraform's policy rules forbid
 * like the variables themselves.
 */
import { isIPv4 } from "node:net";
import { ConfigError } from "./config-error.js";

/** The opt-in variable; only the exact value `true` turns the check off (explicit, never implied). */
export const ALLOW_NON_LOOPBACK_HTTP = "ALLOW_NON_LOOPBACK_HTTP";

/** An endpoint variable that would send keys or fetch trusted keys over an unsafe channel. */
export class ConfigInsecureEndpointError extends ConfigError {
  override readonly name: string = "ConfigInsecureEndpointError";
}

/** `localhost`, any 127.0.0.0/8 address or `::1` (as `URL#hostname` spells them). */
function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === "localhost" || host === "[::1]" || host === "::1") return true;
  return isIPv4(host) && host.startsWith("127.");
}

/**
 * Returns the value when it is a safe endpoint; throws naming the variable, the scheme and the host
 * (never the path, query or user info, which could hold a secret).
 * @example checkEndpoint("GEMINI_BASE_URL", "http://127.0.0.1:8089", false) // "http://127.0.0.1:8089"
 */
export function checkEndpoint(name: string, value: string, allowNonLoopbackHttp: boolean): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigInsecureEndpointError(`${name} is not an absolute URL`);
  }
  if (url.protocol === "https:") return value;
  const where = `scheme "${url.protocol}" host "${url.host}"`;
  if (url.protocol !== "http:") {
    throw new ConfigInsecureEndpointError(`${name} must be an https URL; got ${where}`);
  }
  if (isLoopbackHostname(url.hostname) || allowNonLoopbackHttp) return value;
  throw new ConfigInsecureEndpointError(
    `${name} must be https, or http to a loopback address (127.0.0.0/8, ::1, localhost); got ${where}. ` +
      `A local stack on a private network can set ${ALLOW_NON_LOOPBACK_HTTP}=true (never in a deployment).`,
  );
}
